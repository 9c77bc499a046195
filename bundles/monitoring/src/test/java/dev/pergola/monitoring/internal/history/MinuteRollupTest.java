package dev.pergola.monitoring.internal.history;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

public class MinuteRollupTest {
    private static final double[] BOUNDS = {0.01, 0.1, 1.0, Double.POSITIVE_INFINITY};

    private static FakeMetricValues meters(double ok, double errors, long fast, long slow) {
        return new FakeMetricValues()
                .set("pergola.requests", ok, "method", "GET", "status", "200")
                .set("pergola.requests", errors / 2, "method", "GET", "status", "500")
                .set("pergola.requests", errors / 2, "method", "POST", "status", "503")
                .set("pergola.requests", 7, "method", "GET", "status", "404")
                .set("pergola.logins", ok / 10, "outcome", "success")
                .set("pergola.logins", 3, "outcome", "failure")
                .set("jvm.memory.used", 100 * 1024 * 1024, "area", "heap", "id", "G1 Eden")
                .set("jvm.memory.used", 50 * 1024 * 1024, "area", "heap", "id", "G1 Old")
                .set("jvm.memory.used", 999 * 1024 * 1024, "area", "nonheap", "id", "Metaspace")
                .set("process.cpu.usage", 0.125)
                .histogram("pergola.request.duration", BOUNDS, fast, fast + slow, fast + slow, fast + slow);
    }

    @Test
    public void countsAreTheDifferencesAndGaugesTheCurrentValues() {
        Reading before = Reading.of(meters(100, 2, 100, 0));
        Reading now = Reading.of(meters(160, 6, 100, 40));
        Map<Series, Double> minute = MinuteRollup.between(before, now);
        assertEquals(60 + 4.0, minute.get(Series.REQUESTS), 0);
        assertEquals(4.0, minute.get(Series.ERRORS), 0);
        assertEquals(6.0, minute.get(Series.LOGINS), 0);
        assertEquals(0.0, minute.get(Series.LOGIN_FAILURES), 0);
        assertEquals(150.0, minute.get(Series.HEAP_USED_MB), 0);
        assertEquals(12.5, minute.get(Series.CPU_PERCENT), 0);
        // the 40 new requests took 10–100 ms: p95 interpolated at 95 % of that bucket
        assertEquals(95.5, minute.get(Series.LATENCY_P95_MS), 0.01);
        assertFalse("no sessions gauge, no series", minute.containsKey(Series.ACTIVE_SESSIONS));
    }

    @Test
    public void theFirstReadingHasOnlyGauges() {
        Map<Series, Double> minute = MinuteRollup.between(null, Reading.of(meters(100, 2, 100, 0)));
        assertFalse(minute.containsKey(Series.REQUESTS));
        assertFalse(minute.containsKey(Series.LATENCY_P95_MS));
        assertTrue(minute.containsKey(Series.HEAP_USED_MB));
    }

    @Test
    public void aCountThatWentDownWasRegisteredAnew() {
        assertEquals(5.0, MinuteRollup.delta(100, 5), 0);
        assertEquals(5.0, MinuteRollup.delta(Double.NaN, 5), 0);
        assertTrue(Double.isNaN(MinuteRollup.delta(5, Double.NaN)));
    }

    @Test
    public void noRequestInTheMinuteIsNoLatency() {
        Reading r = Reading.of(meters(100, 2, 100, 0));
        assertFalse(MinuteRollup.between(r, r).containsKey(Series.LATENCY_P95_MS));
        assertEquals(0.0, MinuteRollup.between(r, r).get(Series.REQUESTS), 0);
    }
}
