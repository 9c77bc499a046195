package dev.pergola.webhooks.internal.store;

import java.sql.Timestamp;
import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import dev.pergola.webhooks.internal.DeliveryDto;

/** One row of {@code webhook_deliveries}, read for the delivery log; the queue itself is {@link DeliveryQueue}. */
@Entity
@Table(name = "webhook_deliveries")
public class DeliveryEntity {
    @Id
    String id;
    @Column(name = "webhook_id")
    String webhookId;
    @Column(name = "event_id")
    String eventId;
    @Column(name = "event_type")
    String eventType;
    long sequence;
    String status;
    int attempts;
    @Column(name = "next_attempt_at")
    Timestamp nextAttemptAt;
    @Column(name = "last_status_code")
    Integer lastStatusCode;
    @Column(name = "last_error")
    String lastError;
    @Column(name = "duration_ms")
    Long durationMs;
    @Column(name = "created_at")
    Timestamp createdAt;
    @Column(name = "delivered_at")
    Timestamp deliveredAt;

    public DeliveryEntity() {
        // for JPA
    }

    DeliveryDto toDto() {
        return new DeliveryDto(id, webhookId, eventId, eventType, sequence, status, attempts, instant(nextAttemptAt),
                lastStatusCode, lastError, durationMs, createdAt.toInstant(), instant(deliveredAt));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
