package dev.pergola.webhooks.internal;

import java.time.Instant;
import java.util.List;

/** The answer to a create or a secret rotation: the subscription plus its signing secret, shown this once. */
public record CreatedWebhook(String id, String url, List<String> events, boolean active, String description,
        boolean secretSet, Instant createdAt, Instant updatedAt, String createdBy, String secret) {
    public static CreatedWebhook of(WebhookDto w, String secret) {
        return new CreatedWebhook(w.id(), w.url(), w.events(), w.active(), w.description(), true, w.createdAt(),
                w.updatedAt(), w.createdBy(), secret);
    }
}
