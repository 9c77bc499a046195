package dev.pergola.monitoring.internal.history;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.List;

import org.junit.Test;

import dev.pergola.api.errors.PergolaException;

public class HistoryQueryTest {
    private final Instant now = Instant.parse("2026-11-30T05:30:20Z");

    private static PergolaException refused(Runnable r) {
        try {
            r.run();
        } catch (PergolaException e) {
            assertEquals(PergolaException.VALIDATION, e.code());
            return e;
        }
        fail("accepted");
        return null;
    }

    @Test
    public void defaultsToTheLastHourByMinute() {
        HistoryQuery q = HistoryQuery.parse("requests, errors", null, null, null, now);
        assertEquals(List.of(Series.REQUESTS, Series.ERRORS), q.series());
        assertEquals("1m", q.step());
        assertEquals(Instant.parse("2026-11-30T04:30:00Z"), q.from());
        assertEquals(now, q.to());
    }

    @Test
    public void aRangeLongerThanADayDefaultsToHours() {
        HistoryQuery q = HistoryQuery.parse("heap_used_mb", "2026-11-20T05:10:00Z", null, null, now);
        assertEquals("1h", q.step());
        assertEquals(Instant.parse("2026-11-20T05:00:00Z"), q.from());
    }

    @Test
    public void unknownSeriesAreNamed() {
        PergolaException e = refused(() -> HistoryQuery.parse("requests,nope", null, null, null, now));
        assertTrue(e.details().get("series").get(0).contains("unknown series 'nope'"));
        refused(() -> HistoryQuery.parse("", null, null, null, now));
    }

    @Test
    public void badRangesAndStepsAreRefused() {
        refused(() -> HistoryQuery.parse("requests", "yesterday", null, null, now));
        refused(() -> HistoryQuery.parse("requests", "2026-11-30T05:00:00Z", "2026-11-30T04:00:00Z", null, now));
        refused(() -> HistoryQuery.parse("requests", null, null, "5m", now));
        // Instant.parse takes these; the database and date arithmetic would not
        refused(() -> HistoryQuery.parse("requests", "-1000000000-01-01T00:00:00Z", null, "1h", now));
        refused(() -> HistoryQuery.parse("requests", null, "+1000000000-12-31T23:59:59Z", null, now));
    }

    @Test
    public void theNumberOfPointsIsBounded() {
        PergolaException e = refused(() -> HistoryQuery.parse("requests", "2026-10-01T00:00:00Z", null, "1m", now));
        assertTrue(e.details().get("to").get(0).contains("at most 1500"));
        assertEquals("1h", HistoryQuery.parse("requests", "2026-11-01T00:00:00Z", null, "1h", now).step());
    }
}
