package dev.pergola.identity.internal.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded map that forgets its least recently used entry when full: per-address and per-account counters
 * stay within a fixed memory whatever a flood of random names or addresses sends, and the keys being used
 * now (a lock being enforced, a budget being spent) are the ones kept.
 */
public final class LruMap<K, V> {
    private final Map<K, V> entries;
    private volatile int capacity;

    public LruMap(int capacity) {
        this.capacity = requirePositive(capacity);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > LruMap.this.capacity;
            }
        };
    }

    public synchronized V get(K key) {
        return entries.get(key);
    }

    public synchronized V computeIfAbsent(K key, Function<? super K, ? extends V> factory) {
        return entries.computeIfAbsent(key, factory);
    }

    public synchronized V compute(K key, java.util.function.BiFunction<? super K, ? super V, ? extends V> remap) {
        return entries.compute(key, remap);
    }

    public synchronized void remove(K key) {
        entries.remove(key);
    }

    public synchronized int size() {
        return entries.size();
    }

    /** A smaller capacity drops the least recently used entries at once. */
    public synchronized void resize(int newCapacity) {
        capacity = requirePositive(newCapacity);
        var it = entries.entrySet().iterator();
        while (entries.size() > capacity && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private static int requirePositive(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        return capacity;
    }
}
