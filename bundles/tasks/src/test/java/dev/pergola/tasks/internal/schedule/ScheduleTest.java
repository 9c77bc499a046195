package dev.pergola.tasks.internal.schedule;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;

import org.junit.Test;

import dev.pergola.api.errors.PergolaException;

public class ScheduleTest {
    private static final Instant T = Instant.parse("2026-11-30T02:59:30Z");

    @Test
    public void cronGivesTheNextSlotStrictlyAfterInUtc() {
        Schedule s = Schedule.of("0 3 * * *", 0);
        assertEquals(Instant.parse("2026-11-30T03:00:00Z"), s.next(T, null).orElseThrow());
        assertEquals(Instant.parse("2026-12-01T03:00:00Z"),
                s.next(Instant.parse("2026-11-30T03:00:00Z"), null).orElseThrow());
    }

    @Test
    public void intervalCountsFromTheEndOfThePreviousRunElseFromNow() {
        Schedule s = Schedule.of("", 60);
        assertEquals(T.plusSeconds(60), s.next(T, null).orElseThrow());
        assertEquals(T.plusSeconds(10), s.next(T, T.minusSeconds(50)).orElseThrow());
    }

    @Test
    public void neitherMeansOnDemand() {
        assertTrue(Schedule.of(null, 0).onDemand());
        assertTrue(Schedule.of(" ", 0).next(T, T).isEmpty());
    }

    @Test
    public void wrongInputIsAValidationErrorNamingTheField() {
        assertInvalid("cron", () -> Schedule.of("every day", 0));
        assertInvalid("cron", () -> Schedule.of("0 3 * * *", 5));
        assertInvalid("interval_seconds", () -> Schedule.of(null, -1));
    }

    private static void assertInvalid(String field, Runnable r) {
        try {
            r.run();
            fail("expected a validation error on " + field);
        } catch (PergolaException e) {
            assertEquals(PergolaException.VALIDATION, e.code());
            assertTrue(e.getMessage() + " " + e.details(), e.details().containsKey(field));
        }
    }
}
