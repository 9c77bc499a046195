package dev.pergola.tasks.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.ClassRule;
import org.junit.Test;

import dev.pergola.api.tasks.Job;
import dev.pergola.tasks.internal.TestDatabase;
import dev.pergola.testkit.PostgresServer;

/** Two engines (two nodes) on one real PostgreSQL database: a task runs on one of them at a time, never on both. */
public class TwoNodesTest {
    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();

    @Test
    public void aTaskNeverRunsOnTwoNodesAtOnce() throws Exception {
        TestDatabase db = new TestDatabase("postgresql", POSTGRES);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        Job job = context -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            runs.incrementAndGet();
            Thread.sleep(1_500);
            inside.decrementAndGet();
        };
        try (EngineFixture a = new EngineFixture(db, 2); EngineFixture b = new EngineFixture(db, 2)) {
            a.add(EngineFixture.job("test.shared", 1, job));
            b.add(EngineFixture.job("test.shared", 1, job));
            Thread.sleep(9_000);
        }
        assertEquals("runs overlapping across the two nodes", 0, overlaps.get());
        assertTrue("it ran: " + runs.get(), runs.get() >= 2);
        assertEquals(runs.get(), db.count("SELECT COUNT(*) FROM task_runs WHERE task_id = 'test.shared'"
                + " AND status = 'success'"));
        assertEquals(runs.get(), db.count("SELECT run_count FROM tasks WHERE id = 'test.shared'"));
    }
}
