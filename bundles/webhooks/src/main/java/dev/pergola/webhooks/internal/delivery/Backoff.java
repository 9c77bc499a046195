package dev.pergola.webhooks.internal.delivery;

import java.time.Duration;

/** Exponential backoff: after the n-th failed attempt, wait {@code base × factor^(n-1)}, at most {@code max}. */
public record Backoff(Duration base, double factor, Duration max) {
    public Backoff {
        if (base.isNegative() || factor < 1 || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs base ≥ 0, factor ≥ 1 and max ≥ base");
        }
    }

    /** @param attemptsMade how many attempts have failed so far (1 after the first) */
    public Duration delay(int attemptsMade) {
        double millis = base.toMillis() * Math.pow(factor, Math.max(0, attemptsMade - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }
}
