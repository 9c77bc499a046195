package dev.pergola.webhooks.internal;

import java.time.Instant;

/**
 * One delivery of one event to one subscription, as the delivery log shows it.
 *
 * @param status {@code pending} (not tried yet), {@code failed} (the last attempt failed; retried at
 *               {@code next_attempt_at}), {@code delivered}, {@code gave_up}
 */
public record DeliveryDto(String id, String webhookId, String eventId, String eventType, long sequence, String status,
        int attempts, Instant nextAttemptAt, Integer lastStatusCode, String lastError, Long durationMs,
        Instant createdAt, Instant deliveredAt) {
    public static final String PENDING = "pending";
    public static final String FAILED = "failed";
    public static final String DELIVERED = "delivered";
    public static final String GAVE_UP = "gave_up";
}
