package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import javax.inject.Inject;

import org.junit.After;
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
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pergola.api.tasks.Job;

/**
 * Stored logs from outside: a 500's request id finds its ERROR entry and stack trace, the download carries it, clear
 * deletes and is audited, a run-time level change lets DEBUG through, and the SSE tail sees a new entry. The capture
 * level is DEBUG here so that the logger's own level (Pax Exam sets the root to WARN) is what decides.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LogsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    private BundleContext context;

    private Http http;
    private String admin;
    private ServiceRegistration<EchoResource> echo;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution(editConfigurationFilePut("etc/dev.pergola.logs.cfg", "capture.level", "DEBUG"));
    }

    @Before
    public void setUp() throws Exception {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        http.await("/api/health/ready", Duration.ofSeconds(60));
        admin = "Bearer " + Admin.login(http);
        echo = EchoResource.register(context, http);
    }

    @After
    public void tearDown() {
        echo.unregister();
    }

    @Test
    public void theRequestIdOfA500FindsItsErrorEntryWithTheStackTraceAndTheDownloadCarriesIt() throws Exception {
        Http.Reply boom = http.get("/api/itest/boom");
        assertEquals(500, boom.status());
        String requestId = boom.header("X-Request-ID");
        assertNotNull(requestId);
        assertFalse("the answer hides the detail", boom.body().contains("secret internal detail"));

        JsonNode list = await("/api/v1/logs?request_id=" + requestId + "&min_level=ERROR",
                j -> j.path("data").size() > 0);
        JsonNode entry = list.path("data").path(0);
        assertEquals("ERROR", entry.path("level").asText());
        assertEquals(requestId, entry.path("request_id").asText());
        assertEquals("dev.pergola.rest", entry.path("bundle").asText());
        assertTrue(entry.path("has_stack_trace").asBoolean());
        assertTrue("lists leave the stack trace out", entry.path("stack_trace").isMissingNode()
                || entry.path("stack_trace").isNull());

        JsonNode one = ok(http.get("/api/v1/logs/" + entry.path("id").asLong(), "Authorization", admin));
        assertTrue(one.path("data").path("stack_trace").asText().contains("secret internal detail"));

        JsonNode filtered = ok(http.get("/api/v1/logs?filter[request_id]=" + requestId + "&filter[level]=ERROR",
                "Authorization", admin));
        assertEquals("the shared list language finds it too", 1, filtered.path("meta").path("total").asInt());

        Http.Reply csv = http.get("/api/v1/logs/download?format=csv&request_id=" + requestId, "Authorization", admin);
        assertEquals(200, csv.status());
        assertTrue(csv.body().startsWith("\"id\",\"timestamp\",\"level\""));
        assertTrue(csv.body().contains(requestId));
        Http.Reply json = http.get("/api/v1/logs/download?format=json&request_id=" + requestId, "Authorization", admin);
        assertTrue(json.json().path(0).path("stack_trace").asText().contains("IllegalStateException"));

        assertEquals(401, http.get("/api/v1/logs").status());
        assertEquals(422, http.get("/api/v1/logs?min_level=LOUD", "Authorization", admin).status());
        assertEquals(422, http.get("/api/v1/logs/download?format=xml", "Authorization", admin).status());
        assertEquals(404, http.get("/api/v1/logs/999999999", "Authorization", admin).status());
    }

    @Test
    public void clearDeletesOlderEntriesAndIsAudited() throws Exception {
        String marker = "clear-me-" + UUID.randomUUID();
        LoggerFactory.getLogger("dev.pergola.itest.logs").warn(marker);
        await("/api/v1/logs?search=" + marker, j -> j.path("data").size() == 1);

        assertEquals(422, post("/api/v1/logs/clear", "{\"older_than\":\"someday\"}").status());
        Http.Reply cleared = post("/api/v1/logs/clear", "{\"older_than\":\"" + Instant.now().plusSeconds(1) + "\"}");
        assertEquals(cleared.body(), 200, cleared.status());
        assertTrue(cleared.json().path("data").path("deleted_count").asInt() >= 1);
        assertEquals(0, ok(http.get("/api/v1/logs?search=" + marker, "Authorization", admin)).path("meta")
                .path("total").asInt());
        JsonNode audit = ok(http.get("/api/v1/audit?filter[action]=logs.cleared", "Authorization", admin));
        assertTrue(audit.toString(), audit.path("meta").path("total").asInt() >= 1);
    }

    @Test
    public void aLevelChangedAtRunTimeTakesEffect() throws Exception {
        String name = "dev.pergola.itest.levels" + UUID.randomUUID().toString().substring(0, 6);
        Logger logger = LoggerFactory.getLogger(name);
        String before = "debug-before-" + UUID.randomUUID();
        logger.debug(before);
        logger.warn("warn-" + before); // written after the DEBUG one: once it is stored, the DEBUG one would be too
        await("/api/v1/logs?search=warn-" + before, j -> j.path("data").size() == 1);
        assertEquals("DEBUG is below the inherited root level (WARN in these tests)", 0, ok(http.get(
                "/api/v1/logs?search=" + before + "&level=DEBUG", "Authorization", admin)).path("meta").path("total")
                .asInt());

        assertEquals(422, put("/api/v1/logs/levels/" + name, "{\"level\":\"LOUD\"}").status());
        assertEquals(422, put("/api/v1/logs/levels/bad%20name", "{\"level\":\"DEBUG\"}").status());
        Http.Reply changed = put("/api/v1/logs/levels/" + name, "{\"level\":\"DEBUG\"}");
        assertEquals(changed.body(), 200, changed.status());
        assertEquals("DEBUG", changed.json().path("data").path("level").asText());
        JsonNode levels = ok(http.get("/api/v1/logs/levels", "Authorization", admin));
        assertTrue(levels.toString(), levels.toString().contains(name));

        String after = "debug-after-" + UUID.randomUUID();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int found = 0;
        while (found == 0 && System.nanoTime() < deadline) { // Karaf applies the new configuration asynchronously
            logger.debug(after);
            Thread.sleep(300);
            found = ok(http.get("/api/v1/logs?search=" + after + "&level=DEBUG", "Authorization", admin))
                    .path("meta").path("total").asInt();
        }
        assertTrue("a DEBUG entry after the change", found > 0);
        JsonNode audit = ok(http.get("/api/v1/audit?filter[action]=log.level_changed", "Authorization", admin));
        assertTrue(audit.toString(), audit.toString().contains(name));
        assertEquals(200, put("/api/v1/logs/levels/" + name, "{\"level\":\"DEFAULT\"}").status());
    }

    @Test
    public void theLiveTailReceivesANewEntryMatchingItsFilter() throws Exception {
        String marker = "tail-" + UUID.randomUUID();
        try (SseStream tail = SseStream.open("/api/v1/logs/stream?min_level=WARN&search=" + marker,
                "Authorization", admin)) {
            assertEquals(tail.errorBody, 200, tail.status());
            Logger logger = LoggerFactory.getLogger("dev.pergola.itest.tail");
            logger.info(marker + " below the minimum");
            logger.warn(marker + " seen");
            SseStream.Message m = tail.next(WAIT);
            assertNotNull("an entry within " + WAIT, m);
            assertEquals("log", m.event());
            JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.data());
            assertEquals(marker + " seen", data.path("message").asText());
            assertEquals("WARN", data.path("level").asText());
            assertEquals(m.id(), data.path("id").asText());
        }
        assertEquals("a stream only for a client that asks for one", 406,
                http.get("/api/v1/logs/stream", "Authorization", admin, "Accept", "application/json").status());
    }

    @Test
    public void theRetentionTaskIsHourlyAndRunsOnDemand() throws Exception {
        assertEquals(1, context.getServiceReferences(Job.class, "(pergola.job.id=logs.retention)").size());
        JsonNode task = await("/api/v1/tasks/logs.retention", j -> j.path("data").path("available").asBoolean())
                .path("data");
        assertEquals(3600, task.path("interval_seconds").asLong());
        assertFalse("housekeeping: completions are not audited", task.path("audit_completions").asBoolean());
        long runs = task.path("run_count").asLong();
        Http.Reply queued = post("/api/v1/tasks/logs.retention/run", "");
        assertEquals(queued.body(), 202, queued.status());
        JsonNode done = await("/api/v1/tasks/logs.retention", j -> j.path("data").path("run_count").asLong() > runs)
                .path("data");
        assertEquals(done.toString(), "success", done.path("last_outcome").asText());
    }

    @Test
    public void logsSearchFindsARequestsEntriesFromTheShellAndABadOptionFails() throws Exception {
        String requestId = http.get("/api/itest/boom").header("X-Request-ID");
        await("/api/v1/logs?request_id=" + requestId, j -> j.path("data").size() > 0);
        var operator = KarafShell.jaasLogin("admin", Admin.password());
        String found = KarafShell.runAs(context, operator, "logs:search --request-id " + requestId + " --stack-traces");
        assertTrue(found, found.contains("ERROR") && found.contains("secret internal detail"));
        String bad = KarafShell.runAs(context, operator, "logs:search --level LOUD");
        assertTrue(bad, bad.startsWith("FAILED"));
    }

    @Test
    public void captureGoesOnWhileTheMetricsBundleIsStopped() throws Exception {
        Bundle metrics = java.util.Arrays.stream(context.getBundles())
                .filter(b -> "dev.pergola.metrics".equals(b.getSymbolicName())).findFirst().orElseThrow();
        metrics.stop();
        try {
            String marker = "no-metrics-" + UUID.randomUUID();
            LoggerFactory.getLogger("dev.pergola.itest.nometrics").warn(marker);
            await("/api/v1/logs?search=" + marker, j -> j.path("data").size() == 1);
        } finally {
            metrics.start();
        }
    }

    @Test
    public void capturedEventsAreCountedByLevelInTheMetrics() throws Exception {
        LoggerFactory.getLogger("dev.pergola.itest.metrics").error("counted " + UUID.randomUUID());
        long deadline = System.nanoTime() + WAIT.toNanos();
        String text = "";
        while (!text.contains("pergola_logs_events_total{level=\"ERROR\"") && System.nanoTime() < deadline) {
            Thread.sleep(300);
            text = http.get("/metrics", "Authorization", admin).body();
        }
        assertTrue(text.length() > 2000 ? text.substring(0, 2000) : text,
                text.contains("pergola_logs_events_total{level=\"ERROR\""));
    }

    private JsonNode await(String path, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = ok(http.get(path, "Authorization", admin));
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + WAIT + ": " + path + " → " + last);
    }

    private Http.Reply post(String path, String json) {
        return http.post(path, "application/json", BodyPublishers.ofString(json), "Authorization", admin);
    }

    private Http.Reply put(String path, String json) {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Integer.getInteger(PergolaExam.HTTP_PORT)
                + path)).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)),
                "Authorization", admin);
    }

    private static JsonNode ok(Http.Reply reply) {
        assertEquals(reply.body(), 200, reply.status());
        return reply.json();
    }

}
