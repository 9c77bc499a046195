package dev.pergola.monitoring.internal.history;

import java.util.Map;
import java.util.OptionalDouble;

import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.metrics.MetricValues.Histogram;
import dev.pergola.api.metrics.MetricValues.MetricInfo;
import dev.pergola.api.metrics.Statistic;

/**
 * One reading of the meters the history is made of: cumulative counts (NaN when the meter does not exist yet), the
 * request-duration histogram (null likewise) and the current value of the gauges.
 */
record Reading(double requests, double errors, double logins, double loginFailures, Histogram durations,
        double heapUsedBytes, double cpuUsage, double activeSessions) {

    static final String REQUESTS = "pergola.requests";
    static final String DURATION = "pergola.request.duration";
    static final String LOGINS = "pergola.logins";

    static Reading of(MetricValues values) {
        return new Reading(value(values, REQUESTS, Map.of()), serverErrors(values),
                value(values, LOGINS, Map.of("outcome", "success")), value(values, LOGINS, Map.of("outcome", "failure")),
                values.histogram(DURATION, Map.of()).orElse(null),
                value(values, "jvm.memory.used", Map.of("area", "heap")), value(values, "process.cpu.usage", Map.of()),
                value(values, "pergola.sessions.active", Map.of()));
    }

    /** 5xx answers: the sum over the series whose status tag starts with 5 (tags match exactly, so list them). */
    private static double serverErrors(MetricValues values) {
        double total = Double.NaN;
        for (MetricInfo info : values.list()) {
            if (!info.name().equals(REQUESTS)) {
                continue;
            }
            total = 0;
            for (Map<String, String> tags : info.series()) {
                String status = tags.getOrDefault("status", "");
                if (status.startsWith("5")) {
                    total += values.value(REQUESTS, Statistic.VALUE, tags).orElse(0);
                }
            }
        }
        return total;
    }

    private static double value(MetricValues values, String name, Map<String, String> tags) {
        OptionalDouble v = values.value(name, Statistic.VALUE, tags);
        return v.isPresent() ? v.getAsDouble() : Double.NaN;
    }
}
