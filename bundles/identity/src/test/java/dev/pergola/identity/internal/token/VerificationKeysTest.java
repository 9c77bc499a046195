package dev.pergola.identity.internal.token;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class VerificationKeysTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicInteger loads = new AtomicInteger();
    private final List<String> stored = new ArrayList<>(List.of("k1"));
    private final VerificationKeys<String> keys = new VerificationKeys<>(() -> {
        loads.incrementAndGet();
        return List.copyOf(stored);
    }, k -> k, Duration.ofSeconds(30), Duration.ofSeconds(30), clock::get);

    @Test
    public void randomKeyIdsCostAtMostOneStoreReadPerInterval() {
        assertTrue(keys.find("k1").isPresent());
        assertEquals(1, loads.get());
        for (int i = 0; i < 1000; i++) {
            assertFalse(keys.find(UUID.randomUUID().toString()).isPresent());
        }
        assertEquals("the cache is fresh: no reload for unknown kids", 1, loads.get());

        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        for (int i = 0; i < 1000; i++) {
            keys.find(UUID.randomUUID().toString());
        }
        assertEquals(1, loads.get());
    }

    @Test
    public void aKeyRotatedOnAnotherNodeIsFoundOnceTheIntervalAllows() {
        keys.find("k1");
        stored.add("k2");
        assertFalse("read less than 30 s ago", keys.find("k2").isPresent());
        clock.addAndGet(Duration.ofSeconds(31).toNanos());
        assertTrue(keys.find("k2").isPresent());
        assertEquals(2, loads.get());
        assertTrue(keys.find("k2").isPresent());
        assertEquals(2, loads.get());
    }

    @Test
    public void aLocalRotationIsSeenAtOnce() {
        keys.find("k1");
        stored.add("k3");
        keys.invalidate();
        assertTrue(keys.find("k3").isPresent());
        assertEquals(List.of("k1", "k3"), keys.all());
        assertFalse(keys.find(null).isPresent());
    }
}
