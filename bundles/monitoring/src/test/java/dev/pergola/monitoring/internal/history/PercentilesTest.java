package dev.pergola.monitoring.internal.history;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

import dev.pergola.api.metrics.MetricValues.Histogram;

public class PercentilesTest {
    private static final double[] BOUNDS = {0.01, 0.1, 1.0, Double.POSITIVE_INFINITY};

    private static Histogram h(long... cumulative) {
        return new Histogram(BOUNDS, cumulative, cumulative[cumulative.length - 1], 0);
    }

    @Test
    public void interpolatesInsideTheBucketWhereThePercentileFalls() {
        // 100 durations: 50 under 10 ms, 50 between 10 and 100 ms: p95 is 90 % into the second bucket
        assertEquals(0.091, Percentiles.quantile(BOUNDS, new long[] {50, 100, 100, 100}, 0.95), 1e-9);
    }

    @Test
    public void onlyTheDurationsRecordedBetweenTheReadingsCount() {
        Histogram before = h(1000, 1000, 1000, 1000); // a thousand fast requests earlier
        Histogram now = h(1000, 1000, 1100, 1100);   // then a hundred between 0.1 and 1 s
        assertEquals(0.955, Percentiles.between(before, now, 0.95), 1e-9);
    }

    @Test
    public void nothingRecordedIsNoValue() {
        assertTrue(Double.isNaN(Percentiles.between(h(5, 5, 5, 5), h(5, 5, 5, 5), 0.95)));
    }

    @Test
    public void aMeterRegisteredAnewCountsFromItsStart() {
        assertEquals(0.0095, Percentiles.between(h(900, 900, 900, 900), h(10, 10, 10, 10), 0.95), 1e-9);
    }

    @Test
    public void beyondTheLastFiniteBucketIsThatBucketsBound() {
        assertEquals(1.0, Percentiles.quantile(BOUNDS, new long[] {0, 0, 0, 10}, 0.95), 1e-9);
    }
}
