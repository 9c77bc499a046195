package dev.pergola.identity.internal.throttle;

import java.time.Duration;

/**
 * How many failures a key may have: {@code freeAttempts} without consequence, then a delay that doubles with
 * each further failure, and a lock of {@code lockFor} at {@code lockAfter}. Failures older than {@code window}
 * are forgotten.
 */
record LockPolicy(int freeAttempts, int lockAfter, Duration lockFor, Duration window) {
    /** Counts failures and never blocks: the record of one address against one account. */
    static LockPolicy countOnly(Duration window) {
        return new LockPolicy(Integer.MAX_VALUE, Integer.MAX_VALUE, window, window);
    }
}
