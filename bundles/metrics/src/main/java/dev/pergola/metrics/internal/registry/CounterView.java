package dev.pergola.metrics.internal.registry;

import dev.pergola.api.metrics.Counter;

/** The API's counter over a Micrometer counter (Micrometer types never leave this bundle). */
final class CounterView implements Counter {
    private final io.micrometer.core.instrument.Counter counter;

    CounterView(io.micrometer.core.instrument.Counter counter) {
        this.counter = counter;
    }

    @Override
    public void increment() {
        counter.increment();
    }

    @Override
    public void increment(double amount) {
        if (!(amount >= 0)) {
            throw new IllegalArgumentException("a counter only grows: " + amount);
        }
        counter.increment(amount);
    }

    @Override
    public double count() {
        return counter.count();
    }
}
