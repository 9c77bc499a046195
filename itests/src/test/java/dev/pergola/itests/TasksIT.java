package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scheduled jobs as an operator sees them, black-box on H2 ({@code bin/karaf server}, {@code bin/stop}), with the
 * {@code jobs} fixture plugin: a job that always fails shows its error and failure count in its task (and the
 * {@code tasks} health check names it) while the counting job keeps its pace; "run now" runs an on-demand job exactly
 * once; a paused task stays paused across a restart of the node (a real JVM restart) and runs again once resumed.
 */
public class TasksIT {
    private BlackBoxNode node;
    private String admin;

    @Before
    public void start() throws Exception {
        node = BlackBoxNode.unpack("dist-tasks", null);
        node.start();
        admin = node.admin();
        upload("pergola-fixture-jobs.jar");
        await(() -> node.http.get("/api/v1/tasks/jobs.count", "Authorization", admin).status() == 200);
    }

    @After
    public void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    public void failuresAreShownWhileOtherJobsRunRunNowRunsOnceAndAPauseSurvivesARestart() throws Exception {
        // a failing plugin job: its error and failure count, the health check naming it; the counter keeps running
        long countBefore = task("jobs.count").path("run_count").asLong();
        await(() -> task("jobs.fail").path("failure_count").asLong() >= 3);
        JsonNode failing = task("jobs.fail");
        assertEquals(failing.toString(), "failure", failing.path("last_outcome").asText());
        assertEquals(failing.toString(), "fixture job failed on purpose", failing.path("last_error").asText());
        assertEquals(failing.toString(), 0, failing.path("success_count").asLong());
        await(() -> task("jobs.count").path("run_count").asLong() >= countBefore + 3);
        JsonNode runs = node.http.get("/api/v1/tasks/jobs.fail/runs?status=failure", "Authorization", admin).json();
        assertTrue(runs.toString(), runs.path("meta").path("total").asInt() >= 3);
        assertEquals(runs.toString(), "fixture job failed on purpose", runs.path("data").get(0).path("error").asText());
        JsonNode health = node.http.get("/api/health", "Authorization", admin).json().path("checks").path("tasks");
        assertEquals(health.toString(), "WARN", health.path("status").asText());
        assertTrue(health.toString(), health.toString().contains("jobs.fail"));

        // run now: an on-demand job runs once, answered 202 with the queued run
        Http.Reply queued = node.json("POST", "/api/v1/tasks/jobs.manual/run", "", admin);
        assertEquals(queued.body(), 202, queued.status());
        String runId = queued.json().path("data").path("id").asText();
        await(() -> "success".equals(run("jobs.manual", runId).path("status").asText()));
        assertEquals("greeted nobody (manual)", run("jobs.manual", runId).path("result").asText());
        Thread.sleep(3_000);
        assertEquals(1, task("jobs.manual").path("run_count").asLong());

        // pause the counter, restart the JVM: still paused, not run; resume: it runs again
        Http.Reply paused = node.json("POST", "/api/v1/tasks/jobs.count/pause", "", admin);
        assertEquals(paused.body(), 200, paused.status());
        node.stop();
        node.start();
        admin = node.admin();
        JsonNode afterRestart = task("jobs.count");
        assertTrue(afterRestart.toString(), afterRestart.path("paused").asBoolean());
        assertTrue(afterRestart.toString(), afterRestart.path("available").asBoolean());
        long frozen = afterRestart.path("run_count").asLong();
        Thread.sleep(4_000);
        assertEquals("a paused task does not run after a restart", frozen, task("jobs.count").path("run_count").asLong());
        assertEquals(200, node.json("POST", "/api/v1/tasks/jobs.count/resume", "", admin).status());
        await(() -> task("jobs.count").path("run_count").asLong() >= frozen + 2);
    }

    @Test
    public void inputIsValidatedAndTheApiIsProtected() throws Exception {
        assertEquals(401, node.http.get("/api/v1/tasks").status());
        Http.Reply badCron = node.json("PATCH", "/api/v1/tasks/jobs.count", "{\"cron\":\"every day\"}", admin);
        assertEquals(badCron.body(), 422, badCron.status());
        Http.Reply notParametrised = node.json("POST", "/api/v1/tasks", "{\"job_id\":\"jobs.count\"}", admin);
        assertEquals(notParametrised.body(), 422, notParametrised.status());
        Http.Reply added = node.json("POST", "/api/v1/tasks",
                "{\"job_id\":\"jobs.manual\",\"name\":\"Greet Ada\",\"parameters\":{\"who\":\"Ada\"}}", admin);
        assertEquals(added.body(), 201, added.status());
        String id = added.json().path("data").path("id").asText();
        String runId = node.json("POST", "/api/v1/tasks/" + id + "/run", "", admin).json().path("data").path("id")
                .asText();
        await(() -> "greeted Ada (manual)".equals(run(id, runId).path("result").asText()));
        assertEquals(409, node.json("DELETE", "/api/v1/tasks/jobs.manual", "", admin).status());
        assertEquals(204, node.json("DELETE", "/api/v1/tasks/" + id, "", admin).status());
        assertEquals(404, node.http.get("/api/v1/tasks/" + id, "Authorization", admin).status());
        String shell = node.shell("task:list");
        assertTrue(shell, shell.contains("jobs.count") && shell.contains("identity.purge")
                && shell.contains("backup.scheduled") && shell.contains("audit.retention"));
    }

    private JsonNode task(String id) {
        Http.Reply reply = node.http.get("/api/v1/tasks/" + id, "Authorization", admin);
        assertEquals(reply.body(), 200, reply.status());
        return reply.json().path("data");
    }

    private JsonNode run(String taskId, String runId) {
        for (JsonNode r : node.http.get("/api/v1/tasks/" + taskId + "/runs", "Authorization", admin).json()
                .path("data")) {
            if (runId.equals(r.path("id").asText())) {
                return r;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private void upload(String file) throws Exception {
        byte[] content = Files.readAllBytes(Paths.get(System.getProperty(PergolaExam.FIXTURES), file));
        String boundary = "pergola-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"plugin_file\"; filename=\"" + file
                + "\"\r\nContent-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        Http.Reply reply = node.http.post("/api/v1/plugins?enable=true", "multipart/form-data; boundary=" + boundary,
                BodyPublishers.ofByteArray(body.toByteArray()), "Authorization", admin);
        assertEquals(reply.body(), 201, reply.status());
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s");
            }
            Thread.sleep(250);
        }
    }
}
