package dev.pergola.logs.internal.capture;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

import org.junit.Test;

import dev.pergola.api.metrics.Counter;
import dev.pergola.api.metrics.Meters;
import dev.pergola.api.metrics.Timer;
import dev.pergola.logs.internal.store.LogEntry;

/** {@code pergola.logs.events{level}} counts each stored entry once; the dropped counter follows the running total. */
public class EventCountersTest {
    private final Map<String, double[]> counts = new HashMap<>();

    private final Meters meters = new Meters() {
        @Override
        public Counter counter(String name, String description, String... tags) {
            double[] value = counts.computeIfAbsent(name + String.join(",", tags), k -> new double[1]);
            return new Counter() {
                @Override
                public void increment() {
                    value[0]++;
                }

                @Override
                public void increment(double amount) {
                    value[0] += amount;
                }

                @Override
                public double count() {
                    return value[0];
                }
            };
        }

        @Override
        public Timer timer(String name, String description, String... tags) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void gauge(String name, String description, DoubleSupplier value, String... tags) {
            throw new UnsupportedOperationException();
        }
    };

    private static LogEntry entry(String level) {
        return new LogEntry(1, Instant.now(), level, "x", null, "t", "m", null, false, null);
    }

    @Test
    public void countsByLevelAndDropsOnce() {
        EventCounters c = new EventCounters(meters);
        c.captured(List.of(entry("INFO"), entry("ERROR"), entry("INFO")));
        c.captured(List.of(entry("INFO")));
        c.droppedTotal(5);
        c.droppedTotal(5);
        c.droppedTotal(7);
        assertEquals(3.0, counts.get("pergola.logs.eventslevel,INFO")[0], 0);
        assertEquals(1.0, counts.get("pergola.logs.eventslevel,ERROR")[0], 0);
        assertEquals(7.0, counts.get("pergola.logs.dropped")[0], 0);
    }
}
