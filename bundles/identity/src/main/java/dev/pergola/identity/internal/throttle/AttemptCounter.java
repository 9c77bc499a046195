package dev.pergola.identity.internal.throttle;

import java.time.Duration;
import java.time.Instant;

/**
 * Failed logins of one key (an account name, a client address, or the pair of both). An attempt is
 * {@link #reserve reserved} before its password is hashed and settled after ({@link #fail}, {@link #succeed},
 * {@link #release}), so concurrent attempts see each other: once the free attempts are spoken for, only one
 * attempt at a time may be in flight. A refused attempt changes nothing: waiting is never made longer by asking.
 */
final class AttemptCounter {
    /**
     * What the counter says about the next attempt. {@code busy}: not a wait earned by failures, only the last
     * permitted attempts still in flight.
     */
    record Verdict(boolean allowed, Duration retryAfter, boolean locked, boolean busy) {
    }

    static final Verdict ALLOWED = new Verdict(true, Duration.ZERO, false, false);
    private static final Verdict BUSY = new Verdict(false, Duration.ofSeconds(1), false, true);

    private int failures;
    private int pending;
    private Instant blockedUntil = Instant.MIN;
    private Instant lastFailure = Instant.MIN;
    private boolean locked;

    /** Refuses while a delay or lock runs, or while the last permitted attempts are in flight; else reserves. */
    synchronized Verdict reserve(LockPolicy policy, Instant now) {
        Verdict verdict = check(policy, now);
        if (!verdict.allowed()) {
            return verdict;
        }
        if (pending > 0 && (long) failures + pending >= policy.freeAttempts()) {
            return BUSY;
        }
        pending++;
        return ALLOWED;
    }

    /** Reserves only when this key has no failure in the window and no attempt in flight. */
    synchronized boolean reserveIfClean(LockPolicy policy, Instant now) {
        check(policy, now);
        if (failures > 0 || pending > 0) {
            return false;
        }
        pending++;
        return true;
    }

    synchronized Verdict check(LockPolicy policy, Instant now) {
        if (now.isBefore(blockedUntil)) {
            return new Verdict(false, Duration.between(now, blockedUntil), locked, false);
        }
        if (!locked && lastFailure.plus(policy.window()).isBefore(now)) {
            failures = 0;
        }
        return ALLOWED;
    }

    /** Settles a reserved attempt as failed. @return true when this failure locked the key */
    synchronized boolean fail(LockPolicy policy, Instant now) {
        release();
        failures++;
        lastFailure = now;
        if (failures >= policy.lockAfter()) {
            boolean newlyLocked = !locked;
            locked = true;
            blockedUntil = now.plus(policy.lockFor());
            return newlyLocked;
        }
        if (failures > policy.freeAttempts()) {
            long seconds = 1L << Math.min(20, failures - policy.freeAttempts() - 1);
            blockedUntil = now.plusSeconds(Math.min(seconds, policy.lockFor().toSeconds()));
        }
        return false;
    }

    /** When the running delay or lock ends. */
    synchronized Instant blockedUntil() {
        return blockedUntil;
    }

    /** Settles a reserved attempt as successful: the key starts afresh. */
    synchronized void succeed() {
        release();
        failures = 0;
        locked = false;
        blockedUntil = Instant.MIN;
    }

    /** Gives a reservation back without counting it (a success that must not reset, or an abandoned attempt). */
    synchronized void release() {
        if (pending > 0) {
            pending--;
        }
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
}
