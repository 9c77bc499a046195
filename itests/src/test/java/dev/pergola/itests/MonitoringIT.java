package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

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

import com.fasterxml.jackson.databind.JsonNode;

import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.metrics.Statistic;
import dev.pergola.api.tasks.Job;
import dev.pergola.api.tasks.JobContext;

/**
 * System info, the metric history written by the real rollup job from the real meters, and a plugin's request figures
 * in its details, through REST on the assembled distribution (H2).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MonitoringIT {
    @Inject
    private BundleContext context;

    @Inject
    private MetricValues values;

    private Http http;
    private String admin;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution();
    }

    @Before
    public void setUp() throws Exception {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        http.await("/api/health/ready", Duration.ofSeconds(60));
        admin = "Bearer " + Admin.login(http);
    }

    @Test
    public void systemInfoAnswersTheDashboardFigures() {
        JsonNode info = ok(http.get("/api/v1/system/info", "Authorization", admin));
        assertEquals("linux", info.path("platform").asText());
        assertEquals("4.4.10", info.path("versions").path("karaf").asText());
        assertEquals(System.getProperty("java.version"), info.path("versions").path("java").asText());
        assertTrue(info.toString(), info.path("memory_usage_mb").asLong() > 10);
        assertTrue(info.toString(), info.path("uptime_seconds").asLong() >= 0);
        assertTrue(info.toString(), info.path("bundles").path("total").asInt() > 100);
        assertEquals("h2", info.path("database").path("type").asText());
        assertTrue(info.toString(), info.path("cpu_usage_percent").isNumber());
        // from the identity bundle's gauge through the metrics bundle; absent (null) while that gauge is not there
        if (values.value("pergola.sessions.active", Statistic.VALUE, Map.of()).isPresent()) {
            assertTrue("the admin's session at least: " + info, info.path("active_sessions").asInt() >= 1);
        } else {
            assertTrue(info.toString(), info.path("active_sessions").isMissingNode());
        }
        assertEquals(401, http.get("/api/v1/system/info").status());
    }

    @Test
    public void theRollupJobStoresTheRequestsOfTheMinuteAndHistoryReadsThem() throws Exception {
        Job rollup = job("monitoring.metrics-rollup");
        rollup.run(new ProbeRun());
        for (int i = 0; i < 12; i++) {
            ok(http.get("/api/v1/status", "Authorization", admin));
        }
        rollup.run(new ProbeRun());
        JsonNode history = ok(http.get("/api/v1/metrics/history?series=requests,heap_used_mb,latency_p95_ms",
                "Authorization", admin));
        assertEquals("1m", history.path("step").asText());
        double requests = 0;
        for (JsonNode p : history.path("series").path(0).path("points")) {
            requests += p.path("value").asDouble();
        }
        assertTrue(history.toString(), requests >= 12);
        assertTrue(history.toString(), history.path("series").path(1).path("points").path(0).path("value").asDouble() > 1);
        assertTrue(history.toString(), history.path("series").path(2).path("points").size() > 0);

        Http.Reply unknown = http.get("/api/v1/metrics/history?series=requests,bogus", "Authorization", admin);
        assertEquals(unknown.body(), 422, unknown.status());
        assertTrue(unknown.body(), unknown.json().path("error").path("details").path("series").toString().contains("bogus"));
        assertEquals(422, http.get("/api/v1/metrics/history?series=requests&from=2020-01-01T00:00:00Z&step=1m",
                "Authorization", admin).status());
    }

    @Test
    public void theRollupIsATaskOfTheEngineRunningEveryMinuteAndRunsOnDemand() throws Exception {
        JsonNode task = ok(http.get("/api/v1/tasks/monitoring.metrics-rollup", "Authorization", admin));
        assertEquals(task.toString(), 60, task.path("interval_seconds").asLong());
        assertEquals(task.toString(), false, task.path("audit_completions").asBoolean());
        long before = task.path("success_count").asLong();
        Http.Reply run = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + Integer.getInteger(PergolaExam.HTTP_PORT) + "/api/v1/tasks/monitoring.metrics-rollup/run"))
                .POST(BodyPublishers.noBody()), "Authorization", admin);
        assertEquals(run.body(), 202, run.status());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            task = ok(http.get("/api/v1/tasks/monitoring.metrics-rollup", "Authorization", admin));
            if (task.path("success_count").asLong() > before) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the run did not succeed: " + task);
    }

    @Test
    public void aPluginsDetailsCarryItsRequestFigures() throws Exception {
        if (http.get("/api/v1/plugins/notes", "Authorization", admin).status() != 200) {
            Http.Reply installed = multipart("/api/v1/plugins?enable=true", Files.readAllBytes(
                    Paths.get(System.getProperty(PergolaExam.FIXTURES), "pergola-sample-notes.jar")));
            assertEquals(installed.body(), 201, installed.status());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.get("/api/v1/notes", "Authorization", admin).status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200); // the plugin's resource is being registered
        }
        for (int i = 0; i < 5; i++) {
            ok(http.get("/api/v1/notes", "Authorization", admin));
        }
        JsonNode metrics = ok(http.get("/api/v1/plugins/notes", "Authorization", admin)).path("metrics");
        assertTrue(metrics.toString(), metrics.path("total_requests").asLong() >= 5);
        assertTrue(metrics.toString(), metrics.path("average_response_time_ms").asDouble() > 0);
        assertEquals(metrics.toString(), 0.0, metrics.path("error_rate").asDouble(), 0);
    }

    private Job job(String id) throws Exception {
        Collection<ServiceReference<Job>> refs = context.getServiceReferences(Job.class, "(pergola.job.id=" + id + ")");
        assertEquals("one " + id + " job", 1, refs.size());
        Job job = context.getService(refs.iterator().next());
        assertNotNull(job);
        return job;
    }

    private static JsonNode ok(Http.Reply reply) {
        assertEquals(reply.body(), 200, reply.status());
        return reply.json().path("data");
    }

    private Http.Reply multipart(String path, byte[] content) throws Exception {
        String boundary = "pergola-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"plugin_file\"; filename=\"notes.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Integer.getInteger(PergolaExam.HTTP_PORT)
                + path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body.toByteArray())), "Authorization", admin);
    }

    /** What the engine would pass: a manual run of the default task. */
    private static final class ProbeRun implements JobContext {
        @Override public String taskId() { return "monitoring.metrics-rollup"; }
        @Override public Map<String, Object> parameters() { return Map.of(); }
        @Override public String trigger() { return "manual"; }
        @Override public Instant startedAt() { return Instant.now(); }
        @Override public boolean cancelled() { return false; }
        @Override public void progress(int percent, String step) { }
        @Override public void result(String summary) { }
    }
}
