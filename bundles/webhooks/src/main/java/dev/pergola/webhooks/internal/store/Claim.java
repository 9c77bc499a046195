package dev.pergola.webhooks.internal.store;

/**
 * A delivery a worker has leased for one attempt: what to send, where, and the token that proves the lease when
 * the outcome is written (a worker whose lease ran out cannot overwrite the next one's result).
 */
public record Claim(String id, String webhookId, String eventId, String eventType, String payload, int attempts,
        String url, String sealedSecret, String token) {
}
