package dev.pergola.monitoring.internal.history;

import java.util.Arrays;

import dev.pergola.api.metrics.MetricValues.Histogram;

/**
 * Percentiles of the durations recorded between two readings of a cumulative histogram: the difference of the
 * bucket counts is the histogram of that interval alone, and the percentile is interpolated linearly inside the
 * bucket where it falls (as Prometheus' {@code histogram_quantile} does).
 */
final class Percentiles {
    private Percentiles() {
    }

    /**
     * The {@code q} quantile in seconds of what {@code now} recorded after {@code before}; NaN when nothing was. With
     * no earlier reading, or one the meter cannot have produced since (other buckets, lower counts: it was
     * registered anew), everything {@code now} holds.
     */
    static double between(Histogram before, Histogram now, double q) {
        double[] bounds = now.upperBoundsSeconds();
        long[] counts = now.cumulativeCounts().clone();
        if (before != null && Arrays.equals(before.upperBoundsSeconds(), bounds) && before.count() <= now.count()) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] -= before.cumulativeCounts()[i];
            }
        }
        return quantile(bounds, counts, q);
    }

    static double quantile(double[] bounds, long[] cumulative, double q) {
        int last = cumulative.length - 1;
        if (last < 0 || cumulative[last] <= 0) {
            return Double.NaN;
        }
        double rank = q * cumulative[last];
        for (int i = 0; i <= last; i++) {
            if (cumulative[i] >= rank) {
                if (Double.isInfinite(bounds[i])) {
                    // beyond the largest finite bucket: its bound is the best we can say
                    return i == 0 ? Double.NaN : bounds[i - 1];
                }
                double lower = i == 0 ? 0 : bounds[i - 1];
                long below = i == 0 ? 0 : cumulative[i - 1];
                long inBucket = cumulative[i] - below;
                return inBucket == 0 ? bounds[i] : lower + (bounds[i] - lower) * (rank - below) / inBucket;
            }
        }
        return bounds[last];
    }
}
