package dev.pergola.logs.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.logs.internal.store.LogEntry;

/** The log endpoints' own parameters: each bad one is a 422 naming it; the tail matches like the database does. */
public class LogCriteriaTest {
    private static PergolaException refused(Map<String, List<String>> params) {
        try {
            LogCriteria.parse(params);
        } catch (PergolaException e) {
            return e;
        }
        fail("accepted " + params);
        return null;
    }

    @Test
    public void badValuesAreValidationErrorsNamingTheParameter() {
        PergolaException e = refused(Map.of("level", List.of("LOUD"), "min_level", List.of("x"),
                "date", List.of("yesterday"), "from", List.of("soon"), "logger", List.of("x".repeat(300))));
        assertEquals(PergolaException.VALIDATION, e.code());
        assertEquals(List.of("date", "from", "level", "logger", "min_level"),
                e.details().keySet().stream().sorted().toList());
        assertTrue(refused(Map.of("from", List.of("2026-11-30"), "to", List.of("2026-11-01"))).details()
                .containsKey("from"));
        assertTrue("beyond what a JDBC timestamp holds", refused(Map.of("to", List.of("+1000000000-01-01T00:00:00Z")))
                .details().containsKey("to"));
        assertTrue(refused(Map.of("date", List.of("+999999999-12-31"))).details().containsKey("date"));
    }

    @Test
    public void theTailMatchesLevelLoggerTreeAndText() {
        LogCriteria c = LogCriteria.parse(Map.of("min_level", List.of("WARN"), "logger", List.of("dev.pergola"),
                "search", List.of("BOOM")));
        assertTrue(c.matches(entry("ERROR", "dev.pergola.rest.X", "a boom here")));
        assertFalse("below the minimum", c.matches(entry("INFO", "dev.pergola.rest.X", "boom")));
        assertFalse("a longer name is not a child", c.matches(entry("ERROR", "dev.pergolax.Y", "boom")));
        assertFalse(c.matches(entry("ERROR", "dev.pergola", "quiet")));
    }

    private static LogEntry entry(String level, String logger, String message) {
        return new LogEntry(1, Instant.now(), level, logger, null, "t", message, null, false, null);
    }
}
