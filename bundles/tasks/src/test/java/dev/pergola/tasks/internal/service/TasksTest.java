package dev.pergola.tasks.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.tasks.internal.NewTask;
import dev.pergola.tasks.internal.TaskChange;
import dev.pergola.tasks.internal.TaskDto;
import dev.pergola.tasks.internal.TestDatabase;
import dev.pergola.tasks.internal.engine.EngineFixture;
import dev.pergola.tasks.internal.engine.JobEntry;

/** What administrators change, audited in the same transaction, validated before anything is written. */
public class TasksTest {
    private EngineFixture fixture;
    private Tasks tasks;

    @Before
    public void setUp() throws Exception {
        fixture = new EngineFixture(new TestDatabase("h2", null), 2);
        fixture.add(EngineFixture.job("test.daily", 86_400, c -> { }));
        fixture.add(new JobEntry("test.param", "Parametrised", "", "0 4 * * *", 0, true, true, "test", 0, c -> { }));
        tasks = new Tasks(fixture.tasks, fixture.runs, fixture.engine, fixture.audit);
    }

    @After
    public void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    public void aJobHasItsDefaultTaskWithTheJobsSchedule() {
        TaskDto t = tasks.get("test.daily");
        assertEquals("every 86400 s", t.schedule());
        assertTrue(t.available());
        assertFalse(t.scheduleOverridden());
        assertTrue(t.nextRunAt() != null);
    }

    @Test
    public void pauseAndResumeAreAuditedOnceAndPauseHidesTheNextRun() throws Exception {
        assertTrue(tasks.pause("test.daily").paused());
        assertNull(tasks.get("test.daily").nextRunAt());
        tasks.pause("test.daily");
        assertEquals(1, fixture.db.count("SELECT COUNT(*) FROM test_audit WHERE action = 'task.paused'"));
        assertFalse(tasks.resume("test.daily").paused());
        assertEquals(1, fixture.db.count("SELECT COUNT(*) FROM test_audit WHERE action = 'task.resumed'"));
        assertEquals(0, fixture.db.count("SELECT COUNT(*) FROM tasks WHERE paused = TRUE"));
    }

    @Test
    public void aScheduleOverrideWinsUntilReset() {
        TaskDto t = tasks.update("test.daily", new TaskChange(null, "*/5 * * * *", null, null, null));
        assertEquals("*/5 * * * *", t.cron());
        assertTrue(t.scheduleOverridden());
        t = tasks.update("test.daily", new TaskChange(null, null, null, true, null));
        assertEquals("every 86400 s", t.schedule());
    }

    @Test
    public void addedTasksNeedAJobThatAcceptsParametersAndOnlyTheyCanBeDeleted() throws Exception {
        expect(PergolaException.VALIDATION, () -> tasks.create(new NewTask("test.daily", "x", null, null, null, null)));
        expect(PergolaException.VALIDATION, () -> tasks.create(new NewTask("nope", "x", null, null, null, null)));
        expect(PergolaException.VALIDATION,
                () -> tasks.create(new NewTask("test.param", "x", "0 4 * * *", 60L, null, null)));
        TaskDto added = tasks.create(new NewTask("test.param", "Weekly", null, 3600L, Map.of("k", "v"), null));
        assertEquals(Map.of("k", "v"), tasks.get(added.id()).parameters());
        assertEquals("every 3600 s", added.schedule());
        expect(PergolaException.CONFLICT, () -> tasks.delete("test.param"));
        tasks.delete(added.id());
        expect(PergolaException.NOT_FOUND, () -> tasks.get(added.id()));
        assertEquals(1, fixture.db.count("SELECT COUNT(*) FROM test_audit WHERE action = 'task.created'"));
        assertEquals(1, fixture.db.count("SELECT COUNT(*) FROM test_audit WHERE action = 'task.deleted'"));
    }

    @Test
    public void badNamesAreRefusedAndNothingIsWritten() throws Exception {
        expect(PergolaException.VALIDATION, () -> tasks.update("test.daily", new TaskChange(" ", null, null, null,
                null)));
        expect(PergolaException.VALIDATION, () -> tasks.update("test.daily", new TaskChange("x".repeat(201), null,
                null, null, null)));
        assertEquals(0, fixture.db.count("SELECT COUNT(*) FROM test_audit"));
    }

    private static void expect(String code, Runnable r) {
        try {
            r.run();
            fail("expected " + code);
        } catch (PergolaException e) {
            assertEquals(code, e.code());
        }
    }
}
