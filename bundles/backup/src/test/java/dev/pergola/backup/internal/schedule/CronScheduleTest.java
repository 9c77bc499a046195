package dev.pergola.backup.internal.schedule;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.time.Instant;

import org.junit.Test;

import dev.pergola.api.errors.PergolaException;

public class CronScheduleTest {
    @Test
    public void unixCronInUtc() {
        CronSchedule daily = CronSchedule.parse("15 3 * * *");
        assertEquals(Instant.parse("2026-11-30T03:15:00Z"), daily.next(Instant.parse("2026-11-29T22:00:00Z")).orElseThrow());
        assertEquals(Instant.parse("2026-12-01T03:15:00Z"), daily.next(Instant.parse("2026-11-30T03:15:00Z")).orElseThrow());
        CronSchedule sundays = CronSchedule.parse("0 2 * * 0");
        assertEquals(Instant.parse("2026-12-06T02:00:00Z"), sundays.next(Instant.parse("2026-11-30T00:00:00Z")).orElseThrow());
    }

    @Test
    public void aBadExpressionIsAValidationErrorOnCron() {
        for (String bad : new String[] {"", "every day", "61 * * * *", "0 0 0 * * *"}) {
            try {
                CronSchedule.parse(bad);
                fail(bad);
            } catch (PergolaException e) {
                assertEquals(PergolaException.VALIDATION, e.code());
                assertEquals(java.util.Set.of("cron"), e.details().keySet());
            }
        }
    }
}
