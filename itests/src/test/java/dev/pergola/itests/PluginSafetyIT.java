package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.FrameworkWiring;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 9, "plugins that cannot take the platform down", on the assembled distribution: disabling a {@code .kar}
 * plugin keeps the node healthy; a wiped framework cache converges with plugins that depend on each other; a plugin
 * stuck in its start costs the start timeout and blocks nothing else; a plugin calling {@code System.exit} fails
 * instead of ending the JVM. The start timeout is 5 s here (30 s by default).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginSafetyIT {
    private static final int START_TIMEOUT_SECONDS = 5;

    @Inject
    private BundleContext context;

    private Http http;
    private String admin;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution(editConfigurationFilePut("etc/dev.pergola.plugins.cfg", "start.timeout.seconds",
                Integer.toString(START_TIMEOUT_SECONDS)));
    }

    @Before
    public void setUp() throws Exception {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        http.await("/api/health/ready", Duration.ofSeconds(60));
        admin = "Bearer " + Admin.login(http);
    }

    /** Finding 1: health and the plugin manager agree on what a plugin bundle is (a .kar's library included). */
    @Test
    public void disablingAKarPluginKeepsTheNodeHealthy() throws Exception {
        Http.Reply installed = multipart("/api/v1/plugins?enable=true", kar());
        assertEquals(installed.body(), 201, installed.status());
        assertEquals("active", installed.json().path("data").path("state").asText());
        try {
            assertEquals(200, post("/api/v1/plugins/shelf/disable").status());
            Bundle library = Arrays.stream(context.getBundles())
                    .filter(b -> b.getLocation().equals("pergola-plugin:shelf/com.example.karlib")).findFirst().orElseThrow();
            assertEquals("the library is stopped with its plugin", Bundle.RESOLVED, library.getState());
            Http.Reply health = http.get("/api/health", "Authorization", admin);
            assertEquals(health.body(), 200, health.status());
            assertEquals(health.body(), "UP", health.json().path("checks").path("bundles").path("status").asText());
            JsonNode status = http.get("/api/v1/status", "Authorization", admin).json().path("data").path("plugins");
            assertTrue(status.toString(), status.path("inactive").asInt() >= 1);
        } finally {
            assertEquals(204, send("DELETE", "/api/v1/plugins/shelf", null, BodyPublishers.noBody()).status());
        }
    }

    /**
     * Finding 2: as after a wiped data/cache, the framework has lost every plugin bundle while the database still wants
     * them enabled; one reconciliation brings back a consumer whose slug sorts before its provider's, and a .kar.
     */
    @Test
    public void aFrameworkThatLostItsPluginsConvergesProvidersFirst() throws Exception {
        assertEquals(201, upload("/api/v1/plugins?enable=true", "pergola-fixture-lib-provider").status());
        Http.Reply consumer = upload("/api/v1/plugins?enable=true", "pergola-fixture-lib-consumer");
        assertEquals(consumer.body(), "active", consumer.json().path("data").path("state").asText());
        assertEquals(201, multipart("/api/v1/plugins?enable=true", kar()).status());
        awaitStatus("/api/v1/shelf", 200);
        try {
            wipePluginBundles();
            assertEquals(0, pluginBundles().size());
            Http.Reply reconciled = post("/api/v1/plugins/reconcile");
            assertEquals(reconciled.body(), 200, reconciled.status());
            for (String slug : List.of("greetlib", "greeter", "shelf")) {
                JsonNode p = http.get("/api/v1/plugins/" + slug, "Authorization", admin).json().path("data").path("plugin");
                assertEquals(slug + ": " + p + " after " + reconciled.body(), "active", p.path("state").asText());
            }
            assertNotNull("the consumer's component runs again", context.getServiceReference("com.example.greeter.Greeter"));
            assertTrue(awaitStatus("/api/v1/shelf", 200).body().contains("OSGi in Depth"));
        } finally {
            send("DELETE", "/api/v1/plugins/shelf", null, BodyPublishers.noBody());
            send("DELETE", "/api/v1/plugins/greeter", null, BodyPublishers.noBody());
            send("DELETE", "/api/v1/plugins/greetlib", null, BodyPublishers.noBody());
        }
    }

    /** Finding 3: a start that never returns costs the timeout, nothing else waits for it, and health names it. */
    @Test
    public void aPluginStuckInItsStartFailsAfterTheTimeoutAndBlocksNothing() throws Exception {
        assertEquals(201, upload("/api/v1/plugins?enable=true", "pergola-sample-hello").status());
        long started = System.nanoTime();
        CompletableFuture<Http.Reply> stuck = CompletableFuture.supplyAsync(() -> {
            try {
                return upload("/api/v1/plugins?enable=true", "pergola-fixture-slow-start");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitSlowStarting();
        long disableStarted = System.nanoTime();
        Http.Reply disabled = post("/api/v1/plugins/hello/disable");
        long disableMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - disableStarted);
        assertEquals(disabled.body(), 200, disabled.status());
        assertTrue("disabling another plugin took " + disableMillis + " ms", disableMillis < 2000);
        System.out.println("[figure] disable of another plugin while one is stuck in its start: " + disableMillis + " ms");

        Http.Reply slow = stuck.get(START_TIMEOUT_SECONDS + 20, TimeUnit.SECONDS);
        long enableMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("[figure] upload+enable of the stuck plugin answered after " + enableMillis + " ms");
        assertEquals(slow.body(), 201, slow.status());
        JsonNode plugin = slow.json().path("data");
        assertEquals(plugin.toString(), "failed", plugin.path("state").asText());
        assertEquals("did not start within " + START_TIMEOUT_SECONDS + " s", plugin.path("last_error").asText());
        assertTrue("answered within the timeout plus the upload: " + enableMillis, enableMillis < (START_TIMEOUT_SECONDS + 10) * 1000L);

        Http.Reply health = http.get("/api/health", "Authorization", admin);
        assertEquals(health.body(), 200, health.status());
        JsonNode check = health.json().path("checks").path("plugins");
        assertEquals(health.body(), "WARN", check.path("status").asText());
        assertTrue(health.body(), check.path("message").asText().contains("slow"));
        assertEquals(health.body(), "UP", health.json().path("checks").path("bundles").path("status").asText());

        Http.Reply removing = send("DELETE", "/api/v1/plugins/slow", null, BodyPublishers.noBody());
        assertEquals("its bundle is held by its start: refused, not queued", 409, removing.status());
        assertTrue(removing.body(), removing.json().path("error").path("message").asText().contains("stuck in its start"));
        assertEquals("disabling it records the wish at once", 200, post("/api/v1/plugins/slow/disable").status());
        assertEquals(200, post("/api/v1/plugins/hello/enable").status());
        assertEquals(204, send("DELETE", "/api/v1/plugins/hello", null, BodyPublishers.noBody()).status());
    }

    /** Finding 4: the plugin's call is rewritten while its classes load; the JVM (and this test) live on. */
    @Test
    public void aPluginCallingSystemExitFailsInsteadOfEndingTheJvm() throws Exception {
        Http.Reply quitter = upload("/api/v1/plugins?enable=true", "pergola-fixture-exit-on-start");
        assertEquals(quitter.body(), 201, quitter.status());
        JsonNode plugin = quitter.json().path("data");
        assertEquals(plugin.toString(), "failed", plugin.path("state").asText());
        assertTrue(plugin.toString(), plugin.path("last_error").asText().contains("called System.exit"));
        assertEquals("the platform keeps serving", 200, http.get("/api/v1/status", "Authorization", admin).status());
        assertEquals(200, http.get("/api/health", "Authorization", admin).status());
        assertEquals(204, send("DELETE", "/api/v1/plugins/quitter", null, BodyPublishers.noBody()).status());
        Path incoming = Paths.get(System.getProperty("karaf.data"), "plugins", "incoming");
        try (var left = Files.list(incoming)) {
            assertEquals("no upload left behind", 0, left.count());
        }
    }

    private void awaitSlowStarting() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            boolean starting = Arrays.stream(context.getBundles())
                    .anyMatch(b -> b.getLocation().equals("pergola-plugin:slow") && b.getState() == Bundle.STARTING);
            if (starting) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the slow plugin never began its start");
    }

    /** What a wiped data/cache leaves: no plugin bundle in the framework, the desired states in the database. */
    private void wipePluginBundles() throws Exception {
        List<Bundle> plugins = pluginBundles();
        for (Bundle b : plugins) {
            b.uninstall();
        }
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(plugins, e -> refreshed.countDown());
        assertTrue(refreshed.await(60, TimeUnit.SECONDS));
    }

    /** The plugin bundles, but for one stuck in its start (another test's): its bundle lock is taken for minutes. */
    private List<Bundle> pluginBundles() {
        return Arrays.stream(context.getBundles()).filter(b -> b.getLocation().startsWith("pergola-plugin:")
                && !b.getLocation().equals("pergola-plugin:slow")).toList();
    }

    private Http.Reply awaitStatus(String path, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Http.Reply reply;
        do {
            reply = http.get(path, "Authorization", admin);
            if (reply.status() == status) {
                return reply;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        assertEquals(path + ": " + reply.body(), status, reply.status());
        return reply;
    }

    private static byte[] kar() throws IOException {
        return Files.readAllBytes(Paths.get(System.getProperty(PergolaExam.FIXTURES), "pergola-fixture-kar-plugin.kar"));
    }

    private Http.Reply post(String path) {
        return send("POST", path, null, BodyPublishers.noBody());
    }

    private Http.Reply upload(String path, String fixture) throws IOException {
        return multipart(path, Files.readAllBytes(Paths.get(System.getProperty(PergolaExam.FIXTURES), fixture + ".jar")));
    }

    private Http.Reply multipart(String path, byte[] content) throws IOException {
        String boundary = "pergola-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"plugin_file\"; filename=\"plugin.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send("POST", path, "multipart/form-data; boundary=" + boundary, BodyPublishers.ofByteArray(body.toByteArray()));
    }

    private Http.Reply send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Integer.getInteger(PergolaExam.HTTP_PORT)
                + path)).method(method, body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b, "Authorization", admin);
    }
}
