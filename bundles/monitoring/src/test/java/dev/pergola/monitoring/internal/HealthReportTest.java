package dev.pergola.monitoring.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.Test;

import dev.pergola.api.health.HealthResult;

public class HealthReportTest {

    private static Map<String, HealthResult> results(Object... pairs) {
        Map<String, HealthResult> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (HealthResult) pairs[i + 1]);
        }
        return map;
    }

    @Test
    public void allUpIsUp() {
        Map<String, Object> report = HealthReport.of(results("a", HealthResult.up("fine"), "b", HealthResult.up("ok")), true);
        assertTrue(HealthReport.isUp(report));
        assertEquals("UP", report.get("status"));
    }

    @Test
    public void warnIsServingButDownIsNot() {
        HealthResult warn = HealthResult.warn("1 plugin failed: hello", Map.of());
        Map<String, Object> report = HealthReport.of(results("a", HealthResult.up("fine"), "plugins", warn), true);
        assertEquals("WARN", report.get("status"));
        assertTrue(HealthReport.isUp(report));
        Map<String, Object> down = HealthReport.of(results("plugins", warn, "db", HealthResult.down("no connection")), true);
        assertEquals("DOWN", down.get("status"));
        assertFalse(HealthReport.isUp(down));
    }

    @Test
    public void anonymousFormHasStatusesButNoMessages() {
        Map<String, Object> report = HealthReport.of(results("database", HealthResult.down("PSQLException: FATAL password")),
                false);
        assertEquals("DOWN", report.get("status"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> checks = (Map<String, Map<String, Object>>) report.get("checks");
        assertEquals(Map.of("status", "DOWN"), checks.get("database"));
        assertFalse(report.toString().contains("PSQL"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> detailed = (Map<String, Map<String, Object>>) HealthReport.of(
                results("database", HealthResult.down("PSQLException: FATAL password")), true).get("checks");
        assertEquals("PSQLException: FATAL password", detailed.get("database").get("message"));
    }

    @Test
    public void aThrowingCheckIsDown() {
        assertEquals(HealthResult.Status.DOWN, HealthReport.evaluate(() -> {
            throw new IllegalStateException("boom");
        }).status());
        assertEquals(HealthResult.Status.DOWN, HealthReport.evaluate(() -> null).status());
    }
}
