package dev.pergola.identity.internal.throttle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.Test;

public class AttemptCounterTest {
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    private final AttemptCounter counter = new AttemptCounter(3, 6, Duration.ofMinutes(15), Duration.ofMinutes(15));

    @Test
    public void freeAttemptsThenDoublingDelaysThenALock() {
        for (int i = 0; i < 3; i++) {
            assertTrue(counter.check(t0).allowed());
            assertFalse(counter.fail(t0));
        }
        assertTrue("free attempts used, nothing blocked yet", counter.check(t0).allowed());
        counter.fail(t0); // 4th: wait 1 s
        assertEquals(Duration.ofSeconds(1), counter.check(t0).retryAfter());
        counter.fail(t0.plusSeconds(1)); // 5th: wait 2 s
        assertEquals(Duration.ofSeconds(2), counter.check(t0.plusSeconds(1)).retryAfter());
        assertTrue("6th failure locks", counter.fail(t0.plusSeconds(3)));
        AttemptCounter.Verdict locked = counter.check(t0.plusSeconds(4));
        assertFalse(locked.allowed());
        assertTrue(locked.locked());
        assertEquals(Duration.ofMinutes(15).minusSeconds(1), locked.retryAfter());
    }

    @Test
    public void theLockExpiresOnceAndAnnouncesIt() {
        for (int i = 0; i < 6; i++) {
            counter.fail(t0);
        }
        assertFalse(counter.expireLock(t0.plusSeconds(60)));
        assertTrue(counter.expireLock(t0.plus(Duration.ofMinutes(15))));
        assertFalse(counter.expireLock(t0.plus(Duration.ofMinutes(16))));
        assertTrue(counter.check(t0.plus(Duration.ofMinutes(16))).allowed());
    }

    @Test
    public void successAndQuietWindowsReset() {
        counter.fail(t0);
        counter.fail(t0);
        counter.fail(t0);
        counter.succeed();
        counter.fail(t0);
        assertTrue(counter.check(t0).allowed());
        counter.fail(t0);
        counter.fail(t0);
        counter.check(t0.plus(Duration.ofMinutes(20)));
        counter.fail(t0.plus(Duration.ofMinutes(20)));
        assertTrue("old failures forgotten after the window", counter.check(t0.plus(Duration.ofMinutes(20))).allowed());
    }
}
