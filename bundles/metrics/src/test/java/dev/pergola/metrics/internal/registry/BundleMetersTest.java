package dev.pergola.metrics.internal.registry;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

import dev.pergola.api.metrics.Counter;
import dev.pergola.api.metrics.MetricValues.Histogram;
import dev.pergola.api.metrics.Statistic;

public class BundleMetersTest {
    private final PlatformRegistry platform = new PlatformRegistry();
    private final RegistryValues values = new RegistryValues(platform);

    @After
    public void close() {
        platform.close();
    }

    @Test
    public void countersAreScrapedAndRemovedWhenTheBundleReleasesThem() {
        BundleMeters notes = new BundleMeters(platform);
        notes.counter("notes.shared", "Notes shared", "channel", "mail").increment(2);
        assertTrue(platform.scrape(), platform.scrape().contains("notes_shared_total{channel=\"mail\",} 2.0"));
        notes.release();
        assertFalse(platform.scrape().contains("notes_shared_total"));
        assertTrue(values.value("notes.shared", Statistic.VALUE, Map.of()).isEmpty());
    }

    @Test
    public void aMeterTwoBundlesHoldStaysUntilTheLastLetsGo() {
        BundleMeters a = new BundleMeters(platform);
        BundleMeters b = new BundleMeters(platform);
        Counter first = a.counter("shared.thing", "x");
        a.counter("shared.thing", "x").increment();
        b.counter("shared.thing", "x").increment();
        assertEquals(2.0, first.count(), 0);
        a.release();
        assertEquals(2.0, values.value("shared.thing", Statistic.VALUE, Map.of()).getAsDouble(), 0);
        b.release();
        assertTrue(values.value("shared.thing", Statistic.VALUE, Map.of()).isEmpty());
    }

    @Test
    public void badNamesTagsAndAmountsAreRefused() {
        BundleMeters m = new BundleMeters(platform);
        assertThrows(IllegalArgumentException.class, () -> m.counter("Notes", "x"));
        assertThrows(IllegalArgumentException.class, () -> m.counter("notes.x", "x", "odd"));
        assertThrows(IllegalArgumentException.class, () -> m.counter("notes.x", "x", "k", null));
        assertThrows(IllegalArgumentException.class, () -> m.counter("notes.x", "x").increment(-1));
        m.counter("notes.typed", "x");
        assertThrows(IllegalArgumentException.class, () -> m.timer("notes.typed", "x"));
    }

    @Test
    public void gaugesSumOverMatchingSeriesAndAThrowingSupplierReadsAsNoValue() {
        BundleMeters m = new BundleMeters(platform);
        m.gauge("queue.size", "q", () -> 3, "status", "pending");
        m.gauge("queue.size", "q", () -> 4, "status", "failed");
        m.gauge("queue.broken", "q", () -> {
            throw new IllegalStateException("boom");
        });
        assertEquals(7, values.value("queue.size", Statistic.VALUE, Map.of()).getAsDouble(), 0);
        assertEquals(4, values.value("queue.size", Statistic.VALUE, Map.of("status", "failed")).getAsDouble(), 0);
        assertTrue(values.value("queue.broken", Statistic.VALUE, Map.of()).isEmpty());
        assertTrue(platform.scrape().contains("queue_broken NaN"));
    }

    @Test
    public void timersGiveMergedCumulativeHistogramsMeanAndMax() {
        BundleMeters m = new BundleMeters(platform);
        m.timer("work.duration", "w", "kind", "a").record(20, TimeUnit.MILLISECONDS);
        m.timer("work.duration", "w", "kind", "b").record(300, TimeUnit.MILLISECONDS);
        m.timer("work.duration", "w", "kind", "b").record(2, TimeUnit.SECONDS);
        Histogram h = values.histogram("work.duration", Map.of()).orElseThrow();
        assertEquals(15, h.upperBoundsSeconds().length);
        assertEquals(Double.POSITIVE_INFINITY, h.upperBoundsSeconds()[14], 0);
        // bounds 0.005 .. 10: 20 ms falls in le=0.025, 300 ms in le=0.5, 2 s in le=2.5; counts are cumulative
        assertArrayEquals(new long[] {0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3}, h.cumulativeCounts());
        assertEquals(3, h.count());
        assertEquals(2.32, h.totalSeconds(), 1e-9);
        assertEquals(3, values.value("work.duration", Statistic.VALUE, Map.of()).getAsDouble(), 0);
        assertEquals(2.0, values.value("work.duration", Statistic.MAX_SECONDS, Map.of()).getAsDouble(), 1e-9);
        assertEquals(2.32 / 3, values.value("work.duration", Statistic.MEAN_SECONDS, Map.of()).getAsDouble(), 1e-9);
        assertTrue(platform.scrape().contains("work_duration_seconds_bucket{kind=\"b\",le=\"2.5\",} 2.0"));
        assertTrue(values.histogram("queue.none", Map.of()).isEmpty());
    }

    @Test
    public void jvmBindersAreRegisteredAndListed() {
        assertTrue(values.value("jvm.memory.used", Statistic.VALUE, Map.of("area", "heap")).getAsDouble() > 0);
        assertTrue(values.value("process.uptime", Statistic.VALUE, Map.of()).isPresent());
        assertTrue(values.list().stream().anyMatch(i -> i.name().equals("jvm.threads.live") && i.type().equals("gauge")));
        new BundleMeters(platform).timer("work.duration", "w", "kind", "a");
        assertSame("timer", values.list().stream().filter(i -> i.name().equals("work.duration")).findFirst()
                .orElseThrow().type());
    }
}
