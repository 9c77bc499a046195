package dev.pergola.identity.internal.ratelimit;

/** A token bucket refilled continuously at {@code capacity} tokens per minute. */
final class TokenBucket {
    /** The outcome of one request: allowed or not, tokens left, seconds until full (or until the next token). */
    record Take(boolean allowed, int remaining, long resetSeconds) {
    }

    private final int capacity;
    private final double perNano;
    private double tokens;
    private long updated;

    TokenBucket(int capacity, long now) {
        this.capacity = capacity;
        this.perNano = capacity / 60e9;
        this.tokens = capacity;
        this.updated = now;
    }

    synchronized Take take(long now) {
        tokens = Math.min(capacity, tokens + (now - updated) * perNano);
        updated = now;
        if (tokens >= 1) {
            tokens -= 1;
            return new Take(true, (int) tokens, secondsFor(capacity - tokens));
        }
        return new Take(false, 0, Math.max(1, secondsFor(1 - tokens)));
    }

    /** Gives back a token taken by a request that turned out to be charged elsewhere. */
    synchronized void refund() {
        tokens = Math.min(capacity, tokens + 1);
    }

    private long secondsFor(double missing) {
        return (long) Math.ceil(missing / perNano / 1e9);
    }

    int capacity() {
        return capacity;
    }
}
