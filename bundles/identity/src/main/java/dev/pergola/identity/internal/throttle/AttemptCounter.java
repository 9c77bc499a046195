package dev.pergola.identity.internal.throttle;

import java.time.Duration;
import java.time.Instant;

/**
 * Failed logins of one key (an account name or a client address): a few free attempts, then a delay that
 * doubles with every failure, then a lock. A success or a quiet window resets it.
 */
final class AttemptCounter {
    /** What the counter says about the next attempt. */
    record Verdict(boolean allowed, Duration retryAfter, boolean locked) {
    }

    private final int freeAttempts;
    private final int lockAfter;
    private final Duration lockFor;
    private final Duration window;
    private int failures;
    private Instant blockedUntil = Instant.MIN;
    private Instant lastFailure = Instant.MIN;
    private boolean locked;

    AttemptCounter(int freeAttempts, int lockAfter, Duration lockFor, Duration window) {
        this.freeAttempts = freeAttempts;
        this.lockAfter = lockAfter;
        this.lockFor = lockFor;
        this.window = window;
    }

    synchronized Verdict check(Instant now) {
        if (now.isBefore(blockedUntil)) {
            return new Verdict(false, Duration.between(now, blockedUntil), locked);
        }
        if (!locked && lastFailure.plus(window).isBefore(now)) {
            failures = 0;
        }
        return new Verdict(true, Duration.ZERO, false);
    }

    /** @return true when this failure locked the key */
    synchronized boolean fail(Instant now) {
        failures++;
        lastFailure = now;
        if (failures >= lockAfter) {
            boolean newlyLocked = !locked;
            locked = true;
            blockedUntil = now.plus(lockFor);
            return newlyLocked;
        }
        if (failures > freeAttempts) {
            long seconds = 1L << Math.min(20, failures - freeAttempts - 1);
            blockedUntil = now.plusSeconds(Math.min(seconds, lockFor.toSeconds()));
        }
        return false;
    }

    /** @return true when the key was locked (so its unlock is news) */
    synchronized boolean expireLock(Instant now) {
        if (locked && !now.isBefore(blockedUntil)) {
            locked = false;
            failures = 0;
            return true;
        }
        return false;
    }

    synchronized void succeed() {
        failures = 0;
        locked = false;
        blockedUntil = Instant.MIN;
    }
}
