package dev.pergola.api.metrics;

import org.osgi.annotation.versioning.ProviderType;

/** A monotonically increasing count. */
@ProviderType
public interface Counter {
    void increment();

    /** Adds {@code amount} (≥ 0). */
    void increment(double amount);

    double count();
}
