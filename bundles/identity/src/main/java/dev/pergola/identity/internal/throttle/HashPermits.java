package dev.pergola.identity.internal.throttle;

import java.util.concurrent.Semaphore;

/**
 * The global cap on password hashes running at once. Each Argon2id hash holds 19 MiB and a core for tens of
 * milliseconds; past the cap an attempt is refused at once instead of queueing, so a flood can neither grow the
 * heap nor slow everyone else down.
 */
final class HashPermits {
    private volatile Semaphore permits;
    private volatile int size;

    HashPermits(int size) {
        resize(size);
    }

    /** Attempts already holding a permit keep it and return it to the semaphore they took it from. */
    synchronized void resize(int newSize) {
        if (newSize < 1) {
            throw new IllegalArgumentException("At least one concurrent password hash is needed, not " + newSize);
        }
        if (newSize != size) {
            permits = new Semaphore(newSize);
            size = newSize;
        }
    }

    /** @return the semaphore to release to, or null when every permit is taken */
    Semaphore tryAcquire() {
        Semaphore current = permits;
        return current.tryAcquire() ? current : null;
    }

    int size() {
        return size;
    }
}
