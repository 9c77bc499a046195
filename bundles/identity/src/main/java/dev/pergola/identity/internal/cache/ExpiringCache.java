package dev.pergola.identity.internal.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A small time-bounded cache for the per-request authentication lookups (session still open, account still
 * active, signing keys). Changes made on this node invalidate at once; changes made by another node show
 * after at most the time-to-live.
 */
public final class ExpiringCache<K, V> {
    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier clock;

    public ExpiringCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, System::nanoTime);
    }

    ExpiringCache(Duration ttl, int maxEntries, LongSupplier clock) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    public V get(K key, Function<K, V> load) {
        long now = clock.getAsLong();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.expiresAtNanos() < 0) {
            return entry.value();
        }
        V value = load.apply(key);
        if (entries.size() >= maxEntries) {
            entries.clear(); // bounded memory; the next requests simply reload
        }
        entries.put(key, new Entry<>(value, now + ttlNanos));
        return value;
    }

    public void invalidate(K key) {
        entries.remove(key);
    }

    public void clear() {
        entries.clear();
    }
}
