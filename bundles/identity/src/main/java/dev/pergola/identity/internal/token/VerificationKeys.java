package dev.pergola.identity.internal.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The keys tokens may be signed with, read from the store at most once per time-to-live, plus once more when
 * a token names a key id not seen yet (another node rotated) — but never more often than the minimum reload
 * interval: a stream of tokens with random {@code kid}s costs at most one store read per interval.
 */
final class VerificationKeys<K> {
    private record Snapshot<K>(List<K> keys, Map<String, K> byId, long loadedAt) {
    }

    private final Supplier<List<K>> store;
    private final Function<K, String> idOf;
    private final long ttlNanos;
    private final long minReloadNanos;
    private final LongSupplier nanoClock;
    private volatile Snapshot<K> snapshot;

    VerificationKeys(Supplier<List<K>> store, Function<K, String> idOf, Duration ttl, Duration minReload,
            LongSupplier nanoClock) {
        this.store = store;
        this.idOf = idOf;
        this.ttlNanos = ttl.toNanos();
        this.minReloadNanos = minReload.toNanos();
        this.nanoClock = nanoClock;
    }

    List<K> all() {
        return current().keys();
    }

    /** The key with this id; an unknown id reloads from the store only when the last load is old enough. */
    Optional<K> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        K known = current().byId().get(id);
        if (known != null) {
            return Optional.of(known);
        }
        synchronized (this) {
            Snapshot<K> latest = current();
            if (!latest.byId().containsKey(id) && nanoClock.getAsLong() - latest.loadedAt() >= minReloadNanos) {
                latest = load();
            }
            return Optional.ofNullable(latest.byId().get(id));
        }
    }

    /** After a change made on this node (a rotation, a purge): the next use reads the store. */
    synchronized void invalidate() {
        snapshot = null;
    }

    private Snapshot<K> current() {
        Snapshot<K> s = snapshot;
        if (s != null && nanoClock.getAsLong() - s.loadedAt() < ttlNanos) {
            return s;
        }
        synchronized (this) {
            s = snapshot;
            return s != null && nanoClock.getAsLong() - s.loadedAt() < ttlNanos ? s : load();
        }
    }

    private Snapshot<K> load() {
        List<K> keys = List.copyOf(store.get());
        Snapshot<K> s = new Snapshot<>(keys, keys.stream().collect(Collectors.toUnmodifiableMap(idOf, k -> k, (a, b) -> a)),
                nanoClock.getAsLong());
        snapshot = s;
        return s;
    }
}
