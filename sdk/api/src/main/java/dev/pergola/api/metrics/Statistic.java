package dev.pergola.api.metrics;

/** What {@link MetricValues#value} reads from the series it sums. */
public enum Statistic {
    /** A gauge's value, a counter's count, a timer's count. */
    VALUE,
    /** A timer's total time in seconds. */
    TOTAL_SECONDS,
    /** A timer's largest recent duration in seconds (decays over a couple of minutes). */
    MAX_SECONDS,
    /** A timer's mean duration in seconds since start. */
    MEAN_SECONDS
}
