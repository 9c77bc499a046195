package dev.pergola.logs.internal.retention;

import static org.junit.Assert.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.pergola.api.tasks.JobContext;
import dev.pergola.logs.internal.LogLevel;
import dev.pergola.logs.internal.capture.CapturedEvent;
import dev.pergola.logs.internal.capture.TestConfig;
import dev.pergola.logs.internal.store.LogStore;
import dev.pergola.testkit.TestDatabase;

/** {@code logs.retention}: first by age, then by count, and it says what it did. */
public class LogRetentionJobTest {
    private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

    @Test
    public void deletesByAgeThenKeepsTheNewestRows() throws Exception {
        TestDatabase db = new TestDatabase("h2", null, LogRetentionJobTest.class, "V1__log_entries.sql");
        LogStore store = new LogStore(db.dataSource);
        List<CapturedEvent> events = new ArrayList<>();
        for (int daysAgo : new int[] {30, 20, 3, 2, 1, 0}) {
            events.add(new CapturedEvent(NOW.minus(daysAgo, ChronoUnit.DAYS), LogLevel.INFO, "x", null, "t",
                    "m" + daysAgo, null, null));
        }
        store.insert(events);
        LogRetentionJob job = new LogRetentionJob(store, TestConfig.of(Map.of("max_age_days", 14, "max_rows", 3)),
                Clock.fixed(NOW, ZoneOffset.UTC));
        String[] result = new String[1];
        job.run(context(result));
        assertEquals(3, store.count());
        assertEquals("deleted 2 entries older than 14 days and 1 beyond 3", result[0]);
        assertEquals(1, db.count("SELECT COUNT(*) FROM pergola_log_entries WHERE message = 'm2'"));
        assertEquals("the oldest of the young ones went", 0,
                db.count("SELECT COUNT(*) FROM pergola_log_entries WHERE message = 'm3'"));
    }

    private static JobContext context(String[] result) {
        return new JobContext() {
            @Override
            public String taskId() {
                return LogRetentionJob.ID;
            }

            @Override
            public Map<String, Object> parameters() {
                return Map.of();
            }

            @Override
            public String trigger() {
                return "manual";
            }

            @Override
            public Instant startedAt() {
                return NOW;
            }

            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void progress(int percent, String step) {
            }

            @Override
            public void result(String summary) {
                result[0] = summary;
            }
        };
    }
}
