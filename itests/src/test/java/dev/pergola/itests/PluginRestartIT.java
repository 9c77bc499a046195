package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box, as an operator runs the distribution ({@code bin/karaf server}, {@code bin/stop}), on H2: with a plugin
 * stuck in its start the node still stops promptly; then, with {@code data/cache} wiped, a consumer plugin whose slug
 * sorts before its provider's and a {@code .kar} plugin all serve again, and the stuck plugin is not started again.
 */
public class PluginRestartIT {
    private static final String ADMIN_PASSWORD = "itest-admin-password-1";

    private Path home;
    private Process karaf;
    private Http http;

    @Before
    public void unpack() throws Exception {
        home = Paths.get("target", "dist-plugins").toAbsolutePath();
        BlackBoxFiles.deleteTree(home);
        Files.createDirectories(home);
        run("tar", "xzf", System.getProperty("pergola.distribution"), "--strip-components=1");
        int httpPort = PergolaExam.freePort();
        replace("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port = 8181", "org.osgi.service.http.port = " + httpPort);
        replace("etc/org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + PergolaExam.freePort());
        replace("etc/org.apache.karaf.management.cfg", "rmiRegistryPort = 1099", "rmiRegistryPort = " + PergolaExam.freePort());
        replace("etc/org.apache.karaf.management.cfg", "rmiServerPort = 44444", "rmiServerPort = " + PergolaExam.freePort());
        Files.writeString(home.resolve("etc/dev.pergola.plugins.cfg"), "start.timeout.seconds = 5\n");
        http = new Http(httpPort);
    }

    @After
    public void stop() throws Exception {
        if (karaf != null && karaf.isAlive()) {
            karaf.destroyForcibly();
        }
    }

    @Test
    public void stopsPastAStuckStartAndConvergesAfterAWipedCache() throws Exception {
        start();
        String token = login();
        assertEquals(201, upload(token, "pergola-fixture-lib-provider.jar").status());
        assertEquals("active", upload(token, "pergola-fixture-lib-consumer.jar").json().path("data").path("state").asText());
        assertEquals("active", upload(token, "pergola-fixture-kar-plugin.kar").json().path("data").path("state").asText());
        JsonNode slow = upload(token, "pergola-fixture-slow-start.jar").json().path("data");
        assertEquals(slow.toString(), "failed", slow.path("state").asText());

        long stopping = System.nanoTime();
        run("bin/stop");
        assertTrue("the JVM ended", karaf.waitFor(90, TimeUnit.SECONDS));
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
        System.out.println("[figure] bin/stop with a plugin stuck in its start: JVM gone after " + stopMillis + " ms");
        assertTrue("stopped in " + stopMillis + " ms, not after the 60 s shutdown timeout", stopMillis < 40_000);

        BlackBoxFiles.deleteTree(home.resolve("data/cache"));
        start();
        token = login();
        for (String slug : List.of("greetlib", "greeter", "shelf")) {
            JsonNode p = http.get("/api/v1/plugins/" + slug, "Authorization", token).json().path("data").path("plugin");
            assertEquals(slug + ": " + p, "active", p.path("state").asText());
        }
        Http.Reply shelf = awaitStatus(token, "/api/v1/shelf");
        assertTrue(shelf.body(), shelf.body().contains("OSGi in Depth"));
        JsonNode stuck = http.get("/api/v1/plugins/slow", "Authorization", token).json().path("data").path("plugin");
        assertEquals(stuck.toString(), "failed", stuck.path("state").asText());
        assertTrue(stuck.toString(), stuck.path("last_error").asText().startsWith("timed out at last start"));
        Http.Reply health = http.get("/api/health", "Authorization", token);
        assertEquals(health.body(), 200, health.status());
        run("bin/stop");
        assertTrue(karaf.waitFor(90, TimeUnit.SECONDS));
    }

    private void start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bin/karaf", "server").directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        pb.environment().put("PERGOLA_ADMIN_PASSWORD", ADMIN_PASSWORD);
        karaf = pb.start();
        Http.Reply ready = http.await("/api/health/ready", Duration.ofSeconds(120));
        assertEquals(ready.body(), 200, ready.status());
    }

    private String login() {
        Http.Reply reply = http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"));
        assertEquals(reply.body(), 200, reply.status());
        return "Bearer " + reply.json().path("data").path("access_token").asText();
    }

    private Http.Reply upload(String token, String file) throws IOException {
        byte[] content = Files.readAllBytes(Paths.get(System.getProperty(PergolaExam.FIXTURES), file));
        String boundary = "pergola-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"plugin_file\"; filename=\"" + file + "\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        Http.Reply reply = http.post("/api/v1/plugins?enable=true", "multipart/form-data; boundary=" + boundary,
                BodyPublishers.ofByteArray(body.toByteArray()), "Authorization", token);
        assertEquals(reply.body(), 201, reply.status());
        return reply;
    }

    private Http.Reply awaitStatus(String token, String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Http.Reply reply;
        do {
            reply = http.get(path, "Authorization", token);
            if (reply.status() == 200) {
                return reply;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        assertEquals(path + ": " + reply.body(), 200, reply.status());
        return reply;
    }

    private void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
    }

    private void replace(String file, String from, String to) throws IOException {
        BlackBoxFiles.replace(home, file, from, to);
    }
}
