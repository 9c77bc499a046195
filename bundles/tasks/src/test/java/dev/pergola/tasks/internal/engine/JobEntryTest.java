package dev.pergola.tasks.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.Test;

import dev.pergola.tasks.internal.schedule.Schedule;

/** The service properties a {@code @JobService} annotation produces (DS maps {@code _} to {@code .}). */
public class JobEntryTest {
    @Test
    public void readsThePropertyNamesTheComponentPropertyTypeProduces() {
        Map<String, Object> p = new HashMap<>();
        p.put("pergola.job.id", "notes.digest");
        p.put("pergola.job.name", "Notes digest");
        p.put("pergola.job.interval.seconds", 90L);
        p.put("pergola.job.audit.completions", false);
        p.put("pergola.job.accepts.parameters", true);
        p.put("service.id", 7L);
        JobEntry e = JobEntry.of(c -> { }, p::get, "acme.notes");
        assertEquals("notes.digest", e.id());
        assertEquals(90, e.intervalSeconds());
        assertFalse(e.auditCompletions());
        assertTrue(e.acceptsParameters());
        assertEquals("acme.notes", e.bundle());
        assertEquals("every 90 s", e.defaultSchedule().toString());
    }

    @Test
    public void withoutScheduleOrNameAJobRunsOnDemandUnderItsId() {
        JobEntry e = JobEntry.of(c -> { }, Map.<String, Object>of("pergola.job.id", "x.y")::get, null);
        assertEquals("x.y", e.name());
        assertTrue(e.auditCompletions());
        assertEquals(Schedule.ON_DEMAND, e.defaultSchedule());
    }
}
