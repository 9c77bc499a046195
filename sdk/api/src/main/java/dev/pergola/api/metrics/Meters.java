package dev.pergola.api.metrics;

import java.util.function.DoubleSupplier;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registers meters. The service is bundle-scoped: the meters a bundle registers are removed when that bundle releases
 * the service (it stops or is uninstalled), so a plugin never leaves stale series behind. Asking twice for the same
 * name and tags returns the same meter. {@code tags} are key/value pairs: {@code counter("notes.shared", "…",
 * "channel", "mail")}; an odd count or a name outside {@code [a-z][a-z0-9_.]*} throws {@link IllegalArgumentException}.
 */
@ProviderType
public interface Meters {
    Counter counter(String name, String description, String... tags);

    /** A timer with a latency histogram (Prometheus buckets), in seconds. */
    Timer timer(String name, String description, String... tags);

    /**
     * A gauge read when metrics are collected (each scrape, each history sample). {@code value} must be cheap and must
     * not throw; cache anything that needs a query. NaN means "no value now".
     */
    void gauge(String name, String description, DoubleSupplier value, String... tags);
}
