package dev.pergola.metrics.internal.registry;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;

/**
 * What one series holds, whatever its Micrometer type: a value (gauge, counter) or count, total and max (timer).
 * {@code kind} is how the API names the type: counter, timer or gauge.
 */
record Reading(String kind, double value, double totalSeconds, double maxSeconds) {
    static Reading of(Meter meter) {
        return meter.match(
                g -> new Reading("gauge", g.value(), Double.NaN, Double.NaN),
                c -> new Reading("counter", c.count(), Double.NaN, Double.NaN),
                t -> new Reading("timer", t.count(), t.totalTime(TimeUnit.SECONDS), t.max(TimeUnit.SECONDS)),
                s -> new Reading("timer", s.count(), s.totalAmount(), s.max()),
                l -> new Reading("gauge", l.activeTasks(), l.duration(TimeUnit.SECONDS), l.max(TimeUnit.SECONDS)),
                tg -> new Reading("gauge", tg.value(TimeUnit.SECONDS), Double.NaN, Double.NaN),
                fc -> new Reading("counter", fc.count(), Double.NaN, Double.NaN),
                ft -> new Reading("timer", ft.count(), ft.totalTime(TimeUnit.SECONDS), Double.NaN),
                other -> new Reading("gauge", Double.NaN, Double.NaN, Double.NaN));
    }
}
