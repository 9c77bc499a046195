package dev.pergola.webhooks.internal;

import java.util.List;

/** A partial update: every field left null keeps its value. The secret changes only through rotate-secret. */
public record WebhookChange(String url, List<String> events, Boolean active, String description) {
}
