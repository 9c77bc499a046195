package dev.pergola.monitoring.internal.history;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The series the history keeps. {@link Kind} says how a series combines: minutes into an hour, and the nodes of a
 * cluster into one bucket.
 */
public enum Series {
    /** HTTP requests answered in the bucket. */
    REQUESTS("requests", "count", Kind.SUM),
    /** Of those, 5xx answers. */
    ERRORS("errors", "count", Kind.SUM),
    /** 95th percentile of request durations in the bucket (hourly: the worst minute of the hour). */
    LATENCY_P95_MS("latency_p95_ms", "ms", Kind.PEAK),
    /** Heap in use when sampled (hourly: the mean of the minutes). */
    HEAP_USED_MB("heap_used_mb", "MB", Kind.MEAN),
    LOGINS("logins", "count", Kind.SUM),
    LOGIN_FAILURES("login_failures", "count", Kind.SUM),
    /** This process's CPU share when sampled. */
    CPU_PERCENT("cpu_percent", "%", Kind.MEAN),
    /** Signed-in sessions when sampled. */
    ACTIVE_SESSIONS("active_sessions", "count", Kind.MEAN);

    /** SUM: counts add up (across minutes and nodes). PEAK: the largest. MEAN: the average over time, summed across nodes for sizes. */
    public enum Kind { SUM, PEAK, MEAN }

    private final String id;
    private final String unit;
    private final Kind kind;

    Series(String id, String unit, Kind kind) {
        this.id = id;
        this.unit = unit;
        this.kind = kind;
    }

    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<Series> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Series::id).toList();
    }
}
