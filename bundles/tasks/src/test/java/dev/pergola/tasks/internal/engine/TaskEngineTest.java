package dev.pergola.tasks.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.tasks.internal.TestDatabase;
import dev.pergola.tasks.internal.engine.EngineFixture.Recorder;
import dev.pergola.tasks.internal.store.RunRow;
import dev.pergola.testkit.PostgresServer;

/** The engine on H2 and on a real PostgreSQL: schedules, records, isolates failures and slowness, keeps pauses. */
@RunWith(Parameterized.class)
public class TaskEngineTest {
    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();

    @Parameters(name = "{0}")
    public static List<Object[]> databases() {
        return Arrays.asList(new Object[][] {{"h2"}, {"postgresql"}});
    }

    private final String type;
    private TestDatabase db;
    private EngineFixture fixture;

    public TaskEngineTest(String type) {
        this.type = type;
    }

    @Before
    public void setUp() throws Exception {
        db = new TestDatabase(type, POSTGRES);
        fixture = new EngineFixture(db, 2);
    }

    @After
    public void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    public void anIntervalJobRunsRepeatedlyAndEachRunIsRecorded() throws Exception {
        Recorder job = new Recorder(0, null);
        fixture.engine.addJob(EngineFixture.job("test.count", 1, job));
        await(() -> job.starts().size() >= 2);
        await(() -> db.count("SELECT run_count FROM tasks WHERE id = 'test.count'") >= 2);
        assertEquals(0, db.count("SELECT failure_count FROM tasks WHERE id = 'test.count'"));
        assertTrue(db.count("SELECT COUNT(*) FROM task_runs WHERE task_id = 'test.count' AND status = 'success'"
                + " AND run_trigger = 'schedule' AND result LIKE 'ran %'") >= 2);
        assertTrue(db.count("SELECT COUNT(*) FROM test_audit WHERE action = 'task.completed'") >= 2);
    }

    @Test
    public void aFailingJobRecordsItsErrorAndCountWhileASlowAndAHealthyJobKeepTheirPace() throws Exception {
        Recorder failing = new Recorder(0, "disk on fire");
        Recorder slow = new Recorder(8_000, null);
        Recorder healthy = new Recorder(0, null);
        fixture.engine.addJob(EngineFixture.job("test.fail", 1, failing));
        fixture.engine.addJob(EngineFixture.job("test.slow", 1, slow));
        fixture.engine.addJob(EngineFixture.job("test.quiet", 1, healthy));
        await(() -> healthy.starts().size() >= 3 && failing.starts().size() >= 2);
        assertEquals("one slow run at a time, never a second one queued behind it", 1, slow.starts().size());
        await(() -> db.count("SELECT failure_count FROM tasks WHERE id = 'test.fail'") >= 2);
        assertEquals(1, db.count("SELECT COUNT(*) FROM tasks WHERE id = 'test.fail' AND last_outcome = 'failure'"
                + " AND last_error = 'disk on fire'"));
        assertTrue(db.count("SELECT COUNT(*) FROM test_audit WHERE action = 'task.failed'") >= 2);
        assertEquals("quiet completions are not audited", 0,
                db.count("SELECT COUNT(*) FROM test_audit WHERE target_id = 'test.quiet'"));
    }

    @Test
    public void runNowRunsAnOnDemandJobOnceAndRefusesASecondRunWhileItRuns() throws Exception {
        Recorder job = new Recorder(1_500, null);
        fixture.engine.addJob(EngineFixture.job("test.manual", 0, job));
        fixture.engine.refresh(java.time.Instant.now());
        RunRow run = fixture.engine.runNow("test.manual", AuditOrigin.SYSTEM);
        assertEquals(RunRow.QUEUED, run.status());
        try {
            fixture.engine.runNow("test.manual", AuditOrigin.SYSTEM);
            fail("a second run while the first one runs");
        } catch (PergolaException expected) {
            assertEquals("CONFLICT", expected.code());
        }
        await(() -> db.count("SELECT COUNT(*) FROM task_runs WHERE id = '" + run.id() + "' AND status = 'success'"
                + " AND run_trigger = 'manual'") == 1);
        Thread.sleep(2_500);
        assertEquals(1, job.starts().size());
    }

    @Test
    public void aPausedTaskStaysPausedForANewEngineOnTheSameDatabase() throws Exception {
        Recorder job = new Recorder(0, null);
        fixture.engine.addJob(EngineFixture.job("test.paused", 1, job));
        fixture.engine.refresh(java.time.Instant.now());
        db.execute("UPDATE tasks SET paused = TRUE WHERE id = 'test.paused'");
        fixture.engine.changed();
        fixture.close();
        job.starts.clear();
        fixture = new EngineFixture(db, 2);
        fixture.engine.addJob(EngineFixture.job("test.paused", 1, job));
        Thread.sleep(3_500);
        assertEquals(0, job.starts().size());
    }

    @Test
    public void unknownTaskIsNotFound() {
        try {
            fixture.engine.runNow("nope", AuditOrigin.SYSTEM);
            fail("no such task");
        } catch (PergolaException expected) {
            assertEquals(PergolaException.NOT_FOUND, expected.code());
        }
    }

    static void await(Callable<Boolean> condition) throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        while (!condition.call()) {
            if (System.currentTimeMillis() > end) {
                fail("condition not met within 10 s");
            }
            Thread.sleep(100);
        }
    }
}
