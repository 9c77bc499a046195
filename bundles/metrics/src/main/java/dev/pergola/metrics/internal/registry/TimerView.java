package dev.pergola.metrics.internal.registry;

import java.util.concurrent.TimeUnit;

import dev.pergola.api.metrics.Timer;
import io.micrometer.core.instrument.Tags;

/** The API's timer over a Micrometer timer with the platform's fixed latency buckets. */
public final class TimerView implements Timer {
    private final io.micrometer.core.instrument.Timer timer;

    TimerView(io.micrometer.core.instrument.Timer timer) {
        this.timer = timer;
    }

    /** Every timer of the platform is built here, so all of them publish the same histogram buckets. */
    public static io.micrometer.core.instrument.Timer.Builder builder(String name, String description, Tags tags) {
        return io.micrometer.core.instrument.Timer.builder(name).description(description).tags(tags)
                .serviceLevelObjectives(LatencyBuckets.durations());
    }

    @Override
    public void record(long amount, TimeUnit unit) {
        timer.record(amount, unit);
    }

    @Override
    public long count() {
        return timer.count();
    }

    @Override
    public double totalSeconds() {
        return timer.totalTime(TimeUnit.SECONDS);
    }
}
