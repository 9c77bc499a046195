package dev.pergola.identity.internal.cache;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class ExpiringCacheTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger loads = new AtomicInteger();
    private final ExpiringCache<String, Integer> cache = new ExpiringCache<>(Duration.ofSeconds(5), 2, now::get);

    private int get(String key) {
        return cache.get(key, k -> loads.incrementAndGet());
    }

    @Test
    public void servesFromCacheUntilTheTimeToLiveEnds() {
        assertEquals(1, get("a"));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(1, get("a"));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(2, get("a"));
    }

    @Test
    public void invalidationReloadsAtOnceAndSizeIsBounded() {
        get("a");
        cache.invalidate("a");
        assertEquals(2, get("a"));
        get("b");
        get("c"); // over the bound: cleared, then c stored
        assertEquals("a was dropped with the rest", 5, get("a"));
    }
}
