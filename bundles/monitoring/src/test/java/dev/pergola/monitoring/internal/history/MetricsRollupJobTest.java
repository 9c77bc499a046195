package dev.pergola.monitoring.internal.history;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.pergola.api.tasks.JobContext;

/** The job end to end against fake meters and an H2 table, read back through the history query. */
public class MetricsRollupJobTest {
    private String summary;

    private final JobContext context = new JobContext() {
        @Override public String taskId() { return MetricsRollupJob.ID; }
        @Override public Map<String, Object> parameters() { return Map.of(); }
        @Override public String trigger() { return "manual"; }
        @Override public Instant startedAt() { return Instant.now(); }
        @Override public boolean cancelled() { return false; }
        @Override public void progress(int percent, String step) { }
        @Override public void result(String s) { summary = s; }
    };

    @Test
    public void twoRunsStoreTheRequestsOfTheMinuteBetweenThem() throws Exception {
        HistoryDatabase db = new HistoryDatabase("h2", null);
        MetricsHistory history = new MetricsHistory(new SampleStore(db.dataSource), Clock.systemUTC());
        FakeMetricValues meters = new FakeMetricValues().set("pergola.requests", 100, "status", "200")
                .set("jvm.memory.used", 64 * 1024 * 1024, "area", "heap");
        MetricsRollupJob job = new MetricsRollupJob(history, meters, "node-1");
        job.run(context);
        meters.set("pergola.requests", 142, "status", "200").set("pergola.requests", 3, "status", "502");
        job.run(context);
        assertTrue(summary, summary.startsWith("3 series stored"));
        MetricsHistory.History h = history.query("requests,errors,heap_used_mb", null, null, null);
        assertEquals("1m", h.step());
        List<SampleStore.Point> requests = h.series().get(0).points();
        assertEquals(45.0, requests.stream().mapToDouble(SampleStore.Point::value).sum(), 0);
        assertEquals(3.0, h.series().get(1).points().stream().mapToDouble(SampleStore.Point::value).sum(), 0);
        assertEquals(64.0, h.series().get(2).points().get(h.series().get(2).points().size() - 1).value(), 0);
    }

    @Test
    public void nothingIsWrittenWhileARestoreRuns() throws Exception {
        HistoryDatabase db = new HistoryDatabase("h2", null);
        MetricsHistory history = new MetricsHistory(new SampleStore(db.dataSource), Clock.systemUTC());
        MetricsRollupJob job = new MetricsRollupJob(history, new FakeMetricValues()
                .set("jvm.memory.used", 64 * 1024 * 1024, "area", "heap"), "node-1");
        HistoryRestoreParticipant restore = new HistoryRestoreParticipant(history);
        restore.beforeRestore();
        job.run(context);
        assertEquals("skipped: a restore is running", summary);
        assertEquals(0, db.count("SELECT COUNT(*) FROM metric_samples"));
        restore.afterRestore();
        job.run(context);
        assertEquals(2, db.count("SELECT COUNT(*) FROM metric_samples"));
    }
}
