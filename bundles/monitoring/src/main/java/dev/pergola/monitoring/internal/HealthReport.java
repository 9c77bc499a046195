package dev.pergola.monitoring.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthResult;

/**
 * A report over named check results; its status is the worst of its checks' (UP &lt; WARN &lt; DOWN). Anonymous
 * callers get the statuses only; the detailed form adds each check's message and details.
 */
final class HealthReport {
    record Named(String name, HealthCheck check) {
    }

    private HealthReport() {
    }

    /** Runs one check; a check that throws or returns nothing counts as DOWN. */
    static HealthResult evaluate(HealthCheck check) {
        try {
            HealthResult result = check.check();
            return result != null ? result : HealthResult.down("the check returned nothing");
        } catch (RuntimeException e) {
            return HealthResult.down("the check failed: " + e);
        }
    }

    static Map<String, Object> of(Map<String, HealthResult> checks, boolean detailed) {
        Map<String, Object> results = new TreeMap<>();
        HealthResult.Status overall = HealthResult.Status.UP;
        for (Map.Entry<String, HealthResult> named : checks.entrySet()) {
            HealthResult result = named.getValue();
            if (result.status().compareTo(overall) > 0) {
                overall = result.status();
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", result.status().name());
            if (detailed) {
                entry.put("message", result.message());
                if (!result.details().isEmpty()) {
                    entry.put("details", result.details());
                }
            }
            results.put(named.getKey(), entry);
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
