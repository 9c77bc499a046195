package dev.pergola.alerts.internal.eval;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

import dev.pergola.api.metrics.MetricValues.Histogram;

/** p95 over the interval between two cumulative histograms, never over everything since start. */
public class PercentilesTest {
    private static final double[] BOUNDS = {0.01, 0.1, 1, Double.POSITIVE_INFINITY};

    @Test
    public void theP95IsTheBoundOfTheBucketHoldingIt() {
        Histogram before = new Histogram(BOUNDS, new long[] {100, 100, 100, 100}, 100, 1);
        Histogram now = new Histogram(BOUNDS, new long[] {100, 190, 200, 200}, 200, 20);
        assertEquals("90 of the 100 new ones ≤ 100 ms, the rest ≤ 1 s", 1000, Percentiles.p95Millis(before, now), 0);
        Histogram fast = new Histogram(BOUNDS, new long[] {190, 300, 300, 300}, 300, 21);
        assertEquals("90 of the 100 new ones ≤ 10 ms, the rest ≤ 100 ms", 100, Percentiles.p95Millis(now, fast), 0);
    }

    @Test
    public void nothingRecordedIsZeroAndBeyondTheLastBoundIsThatBound() {
        Histogram h = new Histogram(BOUNDS, new long[] {1, 1, 1, 1}, 1, 0);
        assertEquals(0, Percentiles.p95Millis(h, h), 0);
        Histogram slow = new Histogram(BOUNDS, new long[] {1, 1, 1, 11}, 11, 100);
        assertEquals(1000, Percentiles.p95Millis(h, slow), 0);
    }
}
