package dev.pergola.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One unpacked distribution run as an operator runs it ({@code bin/karaf server}, {@code bin/stop},
 * {@code bin/client}), on its own free ports, optionally configured for PostgreSQL. Several can run side by side.
 */
final class BlackBoxNode implements AutoCloseable {
    static final String ADMIN_PASSWORD = "itest-admin-password-1";

    final Path home;
    final int httpPort;
    final int sshPort;
    final Http http;
    private Process karaf;

    private BlackBoxNode(Path home, int httpPort, int sshPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.sshPort = sshPort;
        this.http = new Http(httpPort);
    }

    /** Unpacks the distribution under {@code target/<dir>}; {@code dbConfig} replaces etc/dev.pergola.db.cfg if given. */
    static BlackBoxNode unpack(String dir, String dbConfig) throws Exception {
        Path home = Paths.get("target", dir).toAbsolutePath();
        BlackBoxFiles.deleteTree(home);
        Files.createDirectories(home);
        run(home, "tar", "xzf", System.getProperty("pergola.distribution"), "--strip-components=1");
        BlackBoxNode node = new BlackBoxNode(home, PergolaExam.freePort(), PergolaExam.freePort());
        if (dbConfig != null) {
            Files.writeString(home.resolve("etc/dev.pergola.db.cfg"), dbConfig);
        }
        BlackBoxFiles.replace(home, "etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port = 8181",
                "org.osgi.service.http.port = " + node.httpPort);
        BlackBoxFiles.replace(home, "etc/org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + node.sshPort);
        BlackBoxFiles.replace(home, "etc/org.apache.karaf.management.cfg", "rmiRegistryPort = 1099",
                "rmiRegistryPort = " + PergolaExam.freePort());
        BlackBoxFiles.replace(home, "etc/org.apache.karaf.management.cfg", "rmiServerPort = 44444",
                "rmiServerPort = " + PergolaExam.freePort());
        return node;
    }

    void start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bin/karaf", "server").directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        pb.environment().put("PERGOLA_ADMIN_PASSWORD", ADMIN_PASSWORD);
        karaf = pb.start();
        Http.Reply health = http.await("/api/health/ready", Duration.ofSeconds(180));
        assertEquals(health == null ? "no answer from " + home : health.body(), 200, health.status());
    }

    void stop() throws Exception {
        if (karaf == null) {
            return;
        }
        run(home, "bin/stop");
        if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
            karaf.destroyForcibly();
            throw new AssertionError("Pergola did not stop within 60 s: " + home);
        }
        karaf = null;
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** "Bearer …" of a fresh admin session. */
    String admin() {
        return "Bearer " + login("admin", ADMIN_PASSWORD);
    }

    String login(String user, String password) {
        Http.Reply reply = http.post("/api/v1/auth/login", "application/json", HttpRequest.BodyPublishers
                .ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"));
        assertEquals(reply.body(), 200, reply.status());
        return reply.json().path("data").path("access_token").asText();
    }

    Http.Reply json(String method, String path, String body, String auth) {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)),
                "Authorization", auth);
    }

    /** A request that may run for minutes (restore, verify), answered as bytes. */
    HttpResponse<byte[]> slow(HttpRequest.Builder request, String auth) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.header("Authorization", auth).timeout(Duration.ofMinutes(10))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    String shell(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("bin/client", "-a", Integer.toString(sshPort), "-h", "127.0.0.1",
                "-u", "admin", "-p", ADMIN_PASSWORD, "-r", "3", "-b")).directory(home.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    static String run(Path dir, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(Map.of());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return out;
    }
}
