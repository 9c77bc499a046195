package dev.pergola.alerts.internal.eval;

import dev.pergola.api.metrics.MetricValues.Histogram;

/** The 95th percentile of the durations recorded between two readings of one cumulative histogram. */
final class Percentiles {
    private Percentiles() {
    }

    /**
     * The upper bound (ms) of the bucket holding the 95th percentile of what {@code now} counted since
     * {@code before}; 0 when nothing was recorded in between. Past the last finite bound it is that bound.
     */
    static double p95Millis(Histogram before, Histogram now) {
        long count = now.count() - before.count();
        if (count <= 0 || before.upperBoundsSeconds().length != now.upperBoundsSeconds().length) {
            return 0;
        }
        double wanted = Math.ceil(0.95 * count);
        double[] bounds = now.upperBoundsSeconds();
        double lastFinite = 0;
        for (int i = 0; i < bounds.length; i++) {
            if (!Double.isInfinite(bounds[i])) {
                lastFinite = bounds[i];
            }
            if (now.cumulativeCounts()[i] - before.cumulativeCounts()[i] >= wanted) {
                return 1000 * (Double.isInfinite(bounds[i]) ? lastFinite : bounds[i]);
            }
        }
        return 1000 * lastFinite;
    }
}
