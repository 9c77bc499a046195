package dev.pergola.webhooks.internal;

import java.time.Instant;
import java.util.List;

/**
 * A subscription as callers see it. The secret is never part of it: {@code secret_set} says one is stored (sealed),
 * and only the create and rotate-secret answers ({@link CreatedWebhook}) carry it, once.
 */
public record WebhookDto(String id, String url, List<String> events, boolean active, String description,
        boolean secretSet, Instant createdAt, Instant updatedAt, String createdBy) {
    public WebhookDto {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
