package dev.pergola.api.metrics;

import java.util.concurrent.TimeUnit;

import org.osgi.annotation.versioning.ProviderType;

/** Durations of one kind of work, with count, total and a latency histogram. */
@ProviderType
public interface Timer {
    void record(long amount, TimeUnit unit);

    long count();

    double totalSeconds();
}
