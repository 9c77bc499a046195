package dev.pergola.monitoring.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.pergola.api.health.HealthResult;

public class HealthReportTest {
    @Test
    public void upWhenEveryCheckIsUp() {
        Map<String, Object> report = HealthReport.run(List.of(
                new HealthReport.Named("a", () -> HealthResult.up("fine")),
                new HealthReport.Named("b", () -> HealthResult.up("fine too"))));
        assertTrue(HealthReport.isUp(report));
    }

    @Test
    public void aWarningDegradesTheReportButKeepsItServing() {
        Map<String, Object> report = HealthReport.run(List.of(
                new HealthReport.Named("a", () -> HealthResult.up("fine")),
                new HealthReport.Named("plugins", () -> HealthResult.warn("1 plugin failed: hello", Map.of()))));
        assertEquals("WARN", report.get("status"));
        assertTrue(HealthReport.isUp(report));
        Map<String, Object> down = HealthReport.run(List.of(
                new HealthReport.Named("plugins", () -> HealthResult.warn("1 plugin failed: hello", Map.of())),
                new HealthReport.Named("db", () -> HealthResult.down("no connection"))));
        assertEquals("DOWN", down.get("status"));
        assertFalse(HealthReport.isUp(down));
    }

    @Test
    public void oneDownOrThrowingCheckMakesTheReportDownAndSaysWhy() {
        Map<String, Object> report = HealthReport.run(List.of(
                new HealthReport.Named("ok", () -> HealthResult.up("fine")),
                new HealthReport.Named("broken", () -> {
                    throw new IllegalStateException("disk on fire");
                }),
                new HealthReport.Named("silent", () -> null)));
        assertFalse(HealthReport.isUp(report));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> checks = (Map<String, Map<String, Object>>) report.get("checks");
        assertEquals("DOWN", checks.get("broken").get("status"));
        assertTrue(checks.get("broken").get("message").toString().contains("disk on fire"));
        assertEquals("DOWN", checks.get("silent").get("status"));
        assertEquals("UP", checks.get("ok").get("status"));
    }
}
