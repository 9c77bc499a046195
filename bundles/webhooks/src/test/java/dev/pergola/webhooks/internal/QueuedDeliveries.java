package dev.pergola.webhooks.internal;

import java.time.Instant;

import dev.pergola.webhooks.internal.store.DeliveryQueue;
import dev.pergola.webhooks.internal.store.QueuedDelivery;

/** Puts one delivery in the queue, as the dispatcher would. */
public final class QueuedDeliveries {
    private QueuedDeliveries() {
    }

    public static QueuedDelivery add(DeliveryQueue queue, String webhookId, String payload, Instant now) {
        QueuedDelivery d = new QueuedDelivery(Ids.delivery(), webhookId, Ids.event(), "user.created", 1, payload);
        queue.enqueue(d, now);
        return d;
    }
}
