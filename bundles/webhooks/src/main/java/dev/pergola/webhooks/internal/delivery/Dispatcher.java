package dev.pergola.webhooks.internal.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pergola.api.events.EventLog;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;
import dev.pergola.webhooks.internal.Ids;
import dev.pergola.webhooks.internal.store.DeliveryQueue;
import dev.pergola.webhooks.internal.store.QueuedDelivery;

/**
 * Turns sealed events into deliveries: reads {@link EventLog#after} from the durable cursor, queues one delivery per
 * matching active subscription and moves the cursor, all in one transaction ({@link DeliveryQueue#dispatch}), so an
 * event is queued once even if the node dies half-way. At the very first run the cursor starts at the newest event:
 * there was no subscription before.
 */
public final class Dispatcher {
    private final DeliveryQueue queue;
    private final EventLog log;
    private final Clock clock;

    public Dispatcher(DeliveryQueue queue, EventLog log, Clock clock) {
        this.queue = queue;
        this.log = log;
        this.clock = clock;
    }

    /** @return events handled; 0 when there were none; -1 when another node is dispatching */
    public int dispatchOnce(int batch) {
        return queue.dispatch(d -> {
            Instant now = clock.instant();
            if (d.cursor() == null) {
                d.advance(log.lastSequence(), now);
                return 0;
            }
            List<PergolaEvent> events = log.after(d.cursor(), batch);
            if (events.isEmpty()) {
                return 0;
            }
            Map<String, List<String>> subscriptions = d.subscriptions();
            List<QueuedDelivery> deliveries = new ArrayList<>();
            for (PergolaEvent event : events) {
                String body = null;
                for (Map.Entry<String, List<String>> s : subscriptions.entrySet()) {
                    if (wants(s.getKey(), s.getValue(), event)) {
                        body = body == null ? EventBody.json(event) : body;
                        deliveries.add(new QueuedDelivery(Ids.delivery(), s.getKey(), event.id(), event.type(),
                                event.sequence(), body));
                    }
                }
            }
            d.insert(deliveries, now);
            d.advance(events.get(events.size() - 1).sequence(), now);
            return events.size();
        });
    }

    /**
     * Whether subscription {@code id} gets {@code event}. Never its own {@code webhook.delivery_failed}: a dead
     * receiver subscribed to {@code webhook.*} would otherwise be sent a new failure to fail on, forever. An
     * {@code alert.*} event also goes to the subscriptions its rule names in {@value #ALERT_WEBHOOK_IDS}, whatever
     * their own filter says (an alert rule's webhook channel); still once per subscription.
     */
    static boolean wants(String id, List<String> patterns, PergolaEvent event) {
        if (EventTypes.WEBHOOK_DELIVERY_FAILED.equals(event.type()) && event.data().get("target") instanceof Map<?, ?> t
                && id.equals(t.get("id"))) {
            return false;
        }
        return patterns.stream().anyMatch(p -> EventTypes.matches(p, event.type())) || namedByAlert(id, event);
    }

    /** Event data key of {@code alert.*} events: the subscriptions the alert rule notifies. */
    static final String ALERT_WEBHOOK_IDS = "webhook_ids";

    private static boolean namedByAlert(String id, PergolaEvent event) {
        return EventTypes.matches("alert.*", event.type())
                && event.data().get(ALERT_WEBHOOK_IDS) instanceof List<?> ids && ids.contains(id);
    }
}
