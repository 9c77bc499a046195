package dev.pergola.identity.internal.throttle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.Test;

public class AttemptCounterTest {
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    private final LockPolicy policy = new LockPolicy(3, 6, Duration.ofMinutes(15), Duration.ofMinutes(15));
    private final AttemptCounter counter = new AttemptCounter();

    private boolean failAt(Instant at) {
        assertTrue(counter.reserve(policy, at).allowed());
        return counter.fail(policy, at);
    }

    @Test
    public void freeAttemptsThenDoublingDelaysThenALock() {
        for (int i = 0; i < 3; i++) {
            assertFalse(failAt(t0));
        }
        assertTrue("free attempts used, nothing blocked yet", counter.check(policy, t0).allowed());
        failAt(t0); // 4th: wait 1 s
        assertEquals(Duration.ofSeconds(1), counter.check(policy, t0).retryAfter());
        failAt(t0.plusSeconds(1)); // 5th: wait 2 s
        assertEquals(Duration.ofSeconds(2), counter.check(policy, t0.plusSeconds(1)).retryAfter());
        assertTrue("6th failure locks", failAt(t0.plusSeconds(3)));
        AttemptCounter.Verdict locked = counter.check(policy, t0.plusSeconds(4));
        assertFalse(locked.allowed());
        assertTrue(locked.locked());
        assertEquals(Duration.ofMinutes(15).minusSeconds(1), locked.retryAfter());
    }

    @Test
    public void onceTheFreeAttemptsAreSpokenForOnlyOneAttemptIsInFlight() {
        for (int i = 0; i < 3; i++) {
            assertTrue(counter.reserve(policy, t0).allowed());
        }
        AttemptCounter.Verdict busy = counter.reserve(policy, t0);
        assertFalse("a fourth concurrent attempt must wait for the three in flight", busy.allowed());
        assertFalse(busy.locked());
        counter.release();
        counter.release();
        counter.release();
        assertTrue(counter.reserve(policy, t0).allowed());
    }

    @Test
    public void refusalsChangeNothing() {
        for (int i = 0; i < 4; i++) {
            failAt(t0);
        }
        for (int i = 0; i < 100; i++) {
            assertFalse(counter.reserve(policy, t0.plusMillis(500)).allowed());
        }
        assertTrue("the 1 s delay ended on time", counter.reserve(policy, t0.plusSeconds(1)).allowed());
    }

    @Test
    public void theLockExpiresOnceAndAnnouncesIt() {
        for (int i = 0; i < 6; i++) {
            failAt(t0.plusSeconds(i * 60L));
        }
        Instant lockedAt = t0.plusSeconds(300);
        assertFalse(counter.expireLock(lockedAt.plusSeconds(60)));
        assertTrue(counter.expireLock(lockedAt.plus(Duration.ofMinutes(15))));
        assertFalse(counter.expireLock(lockedAt.plus(Duration.ofMinutes(16))));
        assertTrue(counter.check(policy, lockedAt.plus(Duration.ofMinutes(16))).allowed());
    }

    @Test
    public void successAndQuietWindowsReset() {
        failAt(t0);
        failAt(t0);
        failAt(t0);
        counter.reserve(policy, t0);
        counter.succeed();
        failAt(t0);
        assertTrue(counter.check(policy, t0).allowed());
        failAt(t0);
        failAt(t0);
        failAt(t0.plus(Duration.ofMinutes(20)));
        assertTrue("old failures forgotten after the window", counter.check(policy, t0.plus(Duration.ofMinutes(20))).allowed());
    }

    @Test
    public void aCleanKeyIsOneWithoutFailuresOrAttemptsInFlight() {
        assertTrue(counter.reserveIfClean(policy, t0));
        assertFalse("one attempt at a time", counter.reserveIfClean(policy, t0));
        counter.fail(policy, t0);
        assertFalse(counter.reserveIfClean(policy, t0.plusSeconds(1)));
        assertTrue("clean again after the window", counter.reserveIfClean(policy, t0.plus(Duration.ofMinutes(16))));
    }
}
