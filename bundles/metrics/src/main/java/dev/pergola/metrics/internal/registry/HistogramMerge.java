package dev.pergola.metrics.internal.registry;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.pergola.api.metrics.MetricValues.Histogram;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

/**
 * Merges the cumulative bucket counts of a timer's series. Every platform timer has the same buckets
 * ({@link LatencyBuckets}); a series with other bounds (a JVM binder's timer) is left out rather than mixed in.
 */
final class HistogramMerge {
    private HistogramMerge() {
    }

    static Optional<Histogram> of(Collection<Meter> meters) {
        double[] bounds = null;
        long[] counts = null;
        long count = 0;
        double total = 0;
        for (Meter meter : meters) {
            if (!(meter instanceof Timer timer)) {
                continue;
            }
            HistogramSnapshot snapshot = timer.takeSnapshot();
            CountAtBucket[] buckets = snapshot.histogramCounts();
            if (buckets.length == 0) {
                continue;
            }
            double[] own = new double[buckets.length + 1];
            for (int i = 0; i < buckets.length; i++) {
                own[i] = buckets[i].bucket(TimeUnit.SECONDS);
            }
            own[buckets.length] = Double.POSITIVE_INFINITY;
            if (bounds == null) {
                bounds = own;
                counts = new long[own.length];
            } else if (!Arrays.equals(bounds, own)) {
                continue;
            }
            for (int i = 0; i < buckets.length; i++) {
                counts[i] += (long) buckets[i].count();
            }
            counts[buckets.length] += snapshot.count();
            count += snapshot.count();
            total += snapshot.total(TimeUnit.SECONDS);
        }
        return bounds == null ? Optional.empty() : Optional.of(new Histogram(bounds, counts, count, total));
    }
}
