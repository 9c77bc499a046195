package dev.pergola.monitoring.internal.history;

import java.util.EnumMap;
import java.util.Map;

/**
 * Turns two consecutive {@link Reading}s into the values of the minute between them: counts become differences
 * (a count that went down was registered anew: its new count is the difference), the p95 comes from the histogram
 * difference, gauges are taken as they are now. A series without a value (meter missing, no request) is left out.
 */
final class MinuteRollup {
    private static final double MB = 1024.0 * 1024.0;

    private MinuteRollup() {
    }

    static Map<Series, Double> between(Reading before, Reading now) {
        Map<Series, Double> values = new EnumMap<>(Series.class);
        if (before != null) {
            put(values, Series.REQUESTS, delta(before.requests(), now.requests()));
            put(values, Series.ERRORS, delta(before.errors(), now.errors()));
            put(values, Series.LOGINS, delta(before.logins(), now.logins()));
            put(values, Series.LOGIN_FAILURES, delta(before.loginFailures(), now.loginFailures()));
            if (now.durations() != null) {
                double p95 = Percentiles.between(before.durations(), now.durations(), 0.95);
                put(values, Series.LATENCY_P95_MS, round(p95 * 1000));
            }
        }
        put(values, Series.HEAP_USED_MB, round(now.heapUsedBytes() / MB));
        put(values, Series.CPU_PERCENT, round(now.cpuUsage() * 100));
        put(values, Series.ACTIVE_SESSIONS, now.activeSessions());
        return values;
    }

    static double delta(double before, double now) {
        if (Double.isNaN(now)) {
            return Double.NaN;
        }
        if (Double.isNaN(before) || now < before) {
            return now;
        }
        return now - before;
    }

    /** Two decimals; NaN stays NaN (Math.round would make it 0). */
    private static double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? v : Math.round(v * 100) / 100.0;
    }

    private static void put(Map<Series, Double> values, Series series, double value) {
        if (!Double.isNaN(value) && !Double.isInfinite(value)) {
            values.put(series, value);
        }
    }
}
