package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.metrics.Meters;
import dev.pergola.api.metrics.Statistic;

/**
 * Meters, their values and {@code /metrics} of the assembled distribution (Micrometer embedded in the bundle): the
 * Prometheus text passes {@code promtool check metrics}, routes of the platform and of a plugin have histograms, and
 * the endpoint is protected (401 anonymous, 403 without admin.monitoring.view, 200 with the scrape token).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetricsIT {
    private static final String SCRAPE_TOKEN = "itest-scrape-token-0123456789abcdef";
    private static final String PASSWORD = "metrics-user-password-1";

    @Inject
    private BundleContext context;

    /** The current MetricValues (looked up per test: one test restarts the metrics bundle). */
    private MetricValues values;

    private Http http;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution(
                editConfigurationFilePut("etc/dev.pergola.metrics.cfg", "scrape.token", SCRAPE_TOKEN));
    }

    @Before
    public void setUp() throws Exception {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        assertEquals(200, http.await("/api/health/ready", Duration.ofSeconds(60)).status());
        values = currentValues();
    }

    private MetricValues currentValues() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ServiceReference<MetricValues> ref = context.getServiceReference(MetricValues.class);
        while (ref == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
            ref = context.getServiceReference(MetricValues.class);
        }
        assertNotNull("MetricValues is registered", ref);
        return context.getService(ref);
    }

    @Test
    public void metersOfABundleAreReadAndRemovedWhenItReleasesThem() {
        ServiceReference<Meters> ref = context.getServiceReference(Meters.class);
        Meters meters = context.getService(ref);
        meters.counter("itest.things", "Things the test did", "kind", "probe").increment(3);
        meters.timer("itest.work", "Work the test timed").record(40, TimeUnit.MILLISECONDS);
        assertEquals(3.0, values.value("itest.things", Statistic.VALUE, Map.of("kind", "probe")).getAsDouble(), 0);
        assertEquals(1, values.histogram("itest.work", Map.of()).orElseThrow().count());
        context.ungetService(ref);
        assertTrue(values.value("itest.things", Statistic.VALUE, Map.of()).isEmpty());
        assertTrue(values.histogram("itest.work", Map.of()).isEmpty());
    }

    @Test
    public void jvmAndProcessMetersAreThere() {
        assertTrue(values.value("jvm.memory.used", Statistic.VALUE, Map.of("area", "heap")).getAsDouble() > 1e6);
        assertTrue(values.value("jvm.threads.live", Statistic.VALUE, Map.of()).getAsDouble() > 10);
        assertTrue(values.value("jvm.classes.loaded", Statistic.VALUE, Map.of()).getAsDouble() > 1000);
        assertTrue(values.value("process.start.time", Statistic.VALUE, Map.of()).getAsDouble() > 1.7e9);
        assertTrue(values.value("process.cpu.usage", Statistic.VALUE, Map.of()).isPresent());
        assertTrue(values.list().stream().anyMatch(m -> m.name().equals("jvm.memory.max") && m.type().equals("gauge")));
    }

    @Test
    public void theEndpointIsProtected() throws Exception {
        Http.Reply anonymous = http.get("/metrics");
        assertEquals(anonymous.body(), 401, anonymous.status());
        assertEquals("AUTHENTICATION_REQUIRED", anonymous.json().path("error").path("code").asText());
        assertFalse(anonymous.json().path("error").path("request_id").asText().isEmpty());
        Http.Reply forged = http.get("/metrics", "Authorization", "Bearer not-the-token");
        assertEquals(forged.body(), 401, forged.status());
        assertEquals("INVALID_TOKEN", forged.json().path("error").path("code").asText());

        Http.Reply denied = http.get("/metrics", "Authorization", plainUser(Admin.login(http)));
        assertEquals(denied.body(), 403, denied.status());
        assertEquals("admin.monitoring.view", denied.json().path("error").path("required_permission").asText());

        Http.Reply scraped = http.get("/metrics", "Authorization", "Bearer " + SCRAPE_TOKEN);
        assertEquals(scraped.body(), 200, scraped.status());
        assertTrue(scraped.header("Content-Type"), scraped.header("Content-Type").startsWith("text/plain; version=0.0.4"));
        assertTrue(scraped.body().contains("# TYPE jvm_memory_used_bytes gauge"));
        assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(base() + "/metrics"))
                .POST(BodyPublishers.noBody()), "Authorization", "Bearer " + SCRAPE_TOKEN).status());
    }

    @Test
    public void routesOfThePlatformAndOfAPluginHaveHistogramsAndTheTextPassesPromtool() throws Exception {
        String admin = "Bearer " + Admin.login(http);
        installNotes(admin);
        Map<String, String> notesOk = Map.of("endpoint", "/api/v1/notes", "status", "200", "plugin", "notes");
        double before = values.value("pergola.requests", Statistic.VALUE, notesOk).orElse(0);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, http.get("/api/v1/status", "Authorization", admin).status());
            assertEquals(200, http.get("/api/v1/notes", "Authorization", admin).status());
        }
        assertEquals(404, http.get("/api/v1/users/" + UUID.randomUUID(), "Authorization", admin).status());
        assertEquals(404, http.get("/api/v1/no-such-route/" + UUID.randomUUID(), "Authorization", admin).status());

        Http.Reply scraped = http.get("/metrics", "Authorization", admin);
        assertEquals(scraped.body(), 200, scraped.status());
        String text = scraped.body();
        assertTrue(bucket(text, "/api/v1/status", "core") >= 3);
        assertTrue(bucket(text, "/api/v1/notes", "notes") >= 3);
        assertTrue(text, text.contains("pergola_requests_total{endpoint=\"/api/v1/users/{id}\",method=\"GET\","
                + "plugin=\"core\",status=\"404\",}"));
        assertTrue(text, text.contains("pergola_requests_total{endpoint=\"UNMATCHED\",method=\"GET\",plugin=\"core\","
                + "status=\"404\",}"));
        assertEquals(before + 3, values.value("pergola.requests", Statistic.VALUE, notesOk).getAsDouble(), 0);
        promtool(text);

        // the notes plugin's own meter, counted from its committed events
        Http.Reply note = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/notes"))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"title\":\"metered "
                        + UUID.randomUUID() + "\",\"body\":\"x\"}")), "Authorization", admin);
        assertEquals(note.body(), 201, note.status());
        awaitAtLeast("notes.changes", Map.of("change", "created"), 1);
        assertTrue(http.get("/metrics", "Authorization", admin).body().contains("notes_changes_total{change=\"created\",}"));
    }

    @Test
    public void gaugesOfTheOwningBundlesAndEventCountersAreThere() throws Exception {
        Admin.login(http);
        // events reach Event Admin after their audit record is sealed: asynchronously
        awaitAtLeast("pergola.logins", Map.of("outcome", "success"), 1);
        awaitAtLeast("pergola.events", Map.of("type", "auth.login"), 1);
        assertTrue(values.value("pergola.sessions.active", Statistic.VALUE, Map.of()).getAsDouble() >= 1);
        assertTrue(java.lang.management.ManagementFactory.getPlatformMBeanServer().queryNames(
                new javax.management.ObjectName("org.apache.commons.pool2:*"), null).toString(),
                values.value("pergola.db.pool.max", Statistic.VALUE, Map.of()).orElse(0) > 0);
        assertTrue(values.value("pergola.db.pool.active", Statistic.VALUE, Map.of()).isPresent());
        assertTrue(values.value("pergola.mail.queue", Statistic.VALUE, Map.of("status", "pending")).isPresent());
        assertTrue(values.value("pergola.webhooks.queue", Statistic.VALUE, Map.of("status", "failed")).isPresent());
        assertTrue(values.value("pergola.plugins", Statistic.VALUE, Map.of("state", "failed")).isPresent());
    }

    @Test
    public void theShellShowsMetersAndFailsOnAFilterThatMatchesNothing() throws Exception {
        javax.security.auth.Subject operator = KarafShell.jaasLogin("admin", Admin.password());
        String shown = KarafShell.runAs(context, operator, "metrics:show jvm.threads");
        assertTrue(shown, shown.contains("jvm.threads.live") && shown.contains("series"));
        String none = KarafShell.runAs(context, operator, "metrics:show no.such.meter");
        assertTrue(none, none.startsWith("FAILED") && none.contains("No meter name contains"));
    }

    private void awaitAtLeast(String name, Map<String, String> tags, double least) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (values.value(name, Statistic.VALUE, tags).orElse(0) < least && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(name + " " + tags + " >= " + least, values.value(name, Statistic.VALUE, tags).orElse(0) >= least);
    }

    /** The gauges' owners need Meters only in their gauge component: stopping metrics stops nothing else. */
    @Test
    public void aStoppedMetricsBundleStopsNoOtherCapability() throws Exception {
        org.osgi.framework.Bundle metrics = java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("dev.pergola.metrics")).findFirst().orElseThrow();
        metrics.stop(org.osgi.framework.Bundle.STOP_TRANSIENT);
        try {
            assertEquals(404, http.get("/metrics").status());
            String admin = "Bearer " + Admin.login(http);
            assertEquals(200, http.get("/api/v1/status", "Authorization", admin).status());
            assertEquals(200, http.get("/api/v1/users", "Authorization", admin).status());
            // health reports the stopped core bundle (DOWN: it is one), and among components only the gauges and the
            // metric history's rollup (it reads the meters) wait
            com.fasterxml.jackson.databind.JsonNode checks = http.get("/api/health", "Authorization", admin).json()
                    .path("checks");
            for (com.fasterxml.jackson.databind.JsonNode problem : checks.path("components").path("details")
                    .path("problems")) {
                assertTrue(problem.asText(), problem.asText().endsWith("Gauges waits for meters")
                        || problem.asText().endsWith("Gauge waits for meters")
                        || problem.asText().endsWith("MetricsRollupJob waits for metrics"));
            }
            assertEquals(checks.toString(), "UP", checks.path("database").path("status").asText());
            assertEquals(checks.toString(), "UP", checks.path("identity").path("status").asText());
        } finally {
            metrics.start(org.osgi.framework.Bundle.START_TRANSIENT);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (http.get("/metrics").status() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(401, http.get("/metrics").status());
        MetricValues after = currentValues();
        while (after.value("pergola.sessions.active", Statistic.VALUE, Map.of()).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue("the gauge came back", after.value("pergola.sessions.active", Statistic.VALUE, Map.of()).isPresent());
    }

    /** The count of the {@code le="+Inf"} bucket of the route's duration histogram. */
    private static double bucket(String text, String endpoint, String plugin) {
        Matcher m = Pattern.compile("pergola_request_duration_seconds_bucket\\{endpoint=\"" + Pattern.quote(endpoint)
                + "\",method=\"GET\",plugin=\"" + plugin + "\",le=\"\\+Inf\",} (\\S+)").matcher(text);
        assertTrue("no histogram of " + endpoint + " (" + plugin + ") in\n" + text, m.find());
        return Double.parseDouble(m.group(1));
    }

    private static void promtool(String text) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is required to check /metrics (Debian: apt-get install "
                    + "--no-install-recommends prometheus); " + e.getMessage(), e);
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("promtool did not finish", process.waitFor(30, TimeUnit.SECONDS));
        assertEquals("promtool check metrics: " + out, 0, process.exitValue());
    }

    private void installNotes(String admin) throws IOException {
        if (http.get("/api/v1/plugins/notes", "Authorization", admin).status() == 200) {
            return;
        }
        byte[] jar = Files.readAllBytes(Paths.get(System.getProperty(PergolaExam.FIXTURES), "pergola-sample-notes.jar"));
        String boundary = "pergola-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"plugin_file\"; filename=\"notes.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(jar);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        Http.Reply installed = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/plugins?enable=true"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body.toByteArray())), "Authorization", admin);
        assertEquals(installed.body(), 201, installed.status());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (http.get("/api/v1/notes", "Authorization", admin).status() != 200 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** A fresh user with no permission at all, signed in. */
    private String plainUser(String adminToken) {
        String name = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Reply created = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/users"))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"username\":\"" + name
                        + "\",\"email\":\"" + name + "@example.test\",\"password\":\"" + PASSWORD + "\"}")),
                "Authorization", "Bearer " + adminToken);
        assertEquals(created.body(), 201, created.status());
        Http.Reply login = http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}"));
        assertEquals(login.body(), 200, login.status());
        String token = login.json().path("data").path("access_token").asText();
        assertNotNull(token);
        return "Bearer " + token;
    }

    private static String base() {
        return "http://127.0.0.1:" + Integer.getInteger(PergolaExam.HTTP_PORT);
    }
}
