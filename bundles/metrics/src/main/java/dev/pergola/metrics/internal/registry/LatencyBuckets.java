package dev.pergola.metrics.internal.registry;

import java.time.Duration;
import java.util.stream.DoubleStream;

/**
 * The upper bounds of every timer's histogram: the Prometheus client's default buckets. A fixed, short list (14 +
 * {@code +Inf}) keeps a scrape with hundreds of routes small, and lets any two series of a timer be merged.
 */
public final class LatencyBuckets {
    private static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};

    private LatencyBuckets() {
    }

    public static Duration[] durations() {
        return DoubleStream.of(SECONDS).mapToObj(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new);
    }
}
