package dev.pergola.webhooks.internal.store;

/** A delivery to add to the queue outside the dispatcher: a test ping, a redelivery of an earlier payload. */
public record QueuedDelivery(String id, String webhookId, String eventId, String eventType, long sequence,
        String payload) {
}
