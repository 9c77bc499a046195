package dev.pergola.mail.internal.delivery;

import java.time.Duration;

/** Exponential delay before retry {@code n} (1 = the first retry): base × factor^(n-1), capped at {@code max}. */
public record Backoff(Duration base, double factor, Duration max) {
    public Duration delay(int attempt) {
        double ms = base.toMillis() * Math.pow(factor, Math.max(0, attempt - 1));
        return ms >= max.toMillis() ? max : Duration.ofMillis((long) ms);
    }

    static Backoff of(MailConfig c) {
        return new Backoff(Duration.ofMillis(c.retry_base_ms()), Math.max(1.0, c.retry_factor()),
                Duration.ofMillis(Math.max(c.retry_base_ms(), c.retry_max_delay_ms())));
    }
}
