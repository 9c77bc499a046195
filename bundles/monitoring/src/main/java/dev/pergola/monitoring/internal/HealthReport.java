package dev.pergola.monitoring.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthResult;

/**
 * Runs a set of named checks; a check that throws counts as DOWN with its exception. The report's status is the
 * worst of its checks' (UP &lt; WARN &lt; DOWN).
 */
final class HealthReport {
    record Named(String name, HealthCheck check) {
    }

    private HealthReport() {
    }

    static Map<String, Object> run(Collection<Named> checks) {
        Map<String, Object> results = new TreeMap<>();
        HealthResult.Status overall = HealthResult.Status.UP;
        for (Named named : checks) {
            HealthResult result;
            try {
                result = named.check().check();
                if (result == null) {
                    result = HealthResult.down("the check returned nothing");
                }
            } catch (RuntimeException e) {
                result = HealthResult.down("the check failed: " + e);
            }
            if (result.status().compareTo(overall) > 0) {
                overall = result.status();
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", result.status().name());
            entry.put("message", result.message());
            if (!result.details().isEmpty()) {
                entry.put("details", result.details());
            }
            results.put(named.name(), entry);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", overall.name());
        report.put("checks", results);
        return report;
    }

    /** Serving: UP, or WARN (degraded but working). Only DOWN answers 503. */
    static boolean isUp(Map<String, Object> report) {
        return !"DOWN".equals(report.get("status"));
    }
}
