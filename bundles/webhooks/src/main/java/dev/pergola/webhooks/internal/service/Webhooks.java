package dev.pergola.webhooks.internal.service;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.security.SecretBox;
import dev.pergola.webhooks.internal.CreatedWebhook;
import dev.pergola.webhooks.internal.DeliveryDto;
import dev.pergola.webhooks.internal.Ids;
import dev.pergola.webhooks.internal.NewWebhook;
import dev.pergola.webhooks.internal.Secrets;
import dev.pergola.webhooks.internal.WebhookChange;
import dev.pergola.webhooks.internal.WebhookDto;
import dev.pergola.webhooks.internal.delivery.EventBody;
import dev.pergola.webhooks.internal.store.DeliveryQueue;
import dev.pergola.webhooks.internal.store.QueuedDelivery;
import dev.pergola.webhooks.internal.store.WebhookStore;

/**
 * The webhook rules shared by REST and the shell: subscriptions (validated, secret sealed, every change recorded in
 * the audit trail in its own transaction), the delivery log, test pings and redeliveries. Sending is the
 * {@code DeliveryEngine}'s job; nothing here waits for a receiver.
 */
@Component(service = Webhooks.class)
public class Webhooks {
    /** The type of a test ping; not an audited event, it goes to one subscription only. */
    public static final String TEST_EVENT = "webhook.test";

    private final WebhookStore store;
    private final DeliveryQueue queue;
    private final SecretBox box;
    private final AuditTrail audit;
    private final Clock clock;

    @Activate
    public Webhooks(@Reference WebhookStore store, @Reference DeliveryQueue queue, @Reference SecretBox box,
            @Reference AuditTrail audit) {
        this(store, queue, box, audit, Clock.systemUTC());
    }

    Webhooks(WebhookStore store, DeliveryQueue queue, SecretBox box, AuditTrail audit, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.box = box;
        this.audit = audit;
        this.clock = clock;
    }

    public ListSpec listSpec() {
        return WebhookStore.LIST;
    }

    public ListSpec deliveriesSpec() {
        return WebhookStore.DELIVERIES;
    }

    public PageResult<WebhookDto> list(ListQuery query) {
        return store.list(query);
    }

    /** @throws PergolaException RESOURCE_NOT_FOUND */
    public WebhookDto get(String id) {
        return store.find(id).orElseThrow(() -> PergolaException.notFound("No webhook " + id));
    }

    /** @return the subscription with its secret, the only time the secret is shown */
    public CreatedWebhook create(String actor, NewWebhook input) {
        if (input == null) {
            throw PergolaException.invalid("url", "is required");
        }
        WebhookRules rules = new WebhookRules();
        String url = rules.url(input.url());
        List<String> events = rules.events(input.events());
        String description = rules.description(input.description());
        rules.secret(input.secret());
        failOn(rules);
        String secret = input.secret() != null ? input.secret() : Secrets.generate();
        Instant now = now();
        WebhookDto created = new WebhookDto(Ids.webhook(), url, events, input.active() == null || input.active(),
                description, true, now, now, actor);
        store.insert(created, Secrets.seal(box, created.id(), secret), tx -> audit.record(tx,
                entry(EventTypes.WEBHOOK_CREATED, created).withAfter(created)));
        return CreatedWebhook.of(created, secret);
    }

    /** Changes the fields given; the others keep their value. */
    public WebhookDto update(String id, WebhookChange change) {
        WebhookDto before = get(id);
        if (change == null) {
            return before;
        }
        WebhookRules rules = new WebhookRules();
        String url = change.url() == null ? before.url() : rules.url(change.url());
        List<String> events = change.events() == null ? before.events() : rules.events(change.events());
        String description = change.description() == null ? before.description() : rules.description(change.description());
        failOn(rules);
        WebhookDto after = new WebhookDto(id, url, events, change.active() == null ? before.active() : change.active(),
                description, true, before.createdAt(), now(), before.createdBy());
        if (!store.update(after, tx -> audit.record(tx,
                entry(EventTypes.WEBHOOK_UPDATED, after).withBefore(before).withAfter(after)))) {
            throw PergolaException.notFound("No webhook " + id);
        }
        return after;
    }

    /** Deletes the subscription and its delivery log; waiting deliveries are dropped. */
    public void delete(String id) {
        WebhookDto before = get(id);
        if (!store.delete(id, tx -> audit.record(tx, entry(EventTypes.WEBHOOK_DELETED, before).withBefore(before)))) {
            throw PergolaException.notFound("No webhook " + id);
        }
    }

    /** A new secret, given or generated; deliveries from now on are signed with it. */
    public CreatedWebhook rotateSecret(String id, String given) {
        WebhookDto webhook = get(id);
        WebhookRules rules = new WebhookRules();
        rules.secret(given);
        failOn(rules);
        String secret = given != null ? given : Secrets.generate();
        Instant now = now();
        if (!store.replaceSecret(id, Secrets.seal(box, id, secret), now, tx -> audit.record(tx,
                entry(EventTypes.WEBHOOK_SECRET_ROTATED, webhook)))) {
            throw PergolaException.notFound("No webhook " + id);
        }
        return CreatedWebhook.of(store.find(id).orElse(webhook), secret);
    }

    public PageResult<DeliveryDto> deliveries(String webhookId, ListQuery query) {
        get(webhookId);
        return store.deliveries(webhookId, query);
    }

    /** The newest delivery ids (shell completion). */
    public List<String> recentDeliveryIds(int limit) {
        return store.recentDeliveryIds(limit);
    }

    /** Queues a {@value #TEST_EVENT} ping, delivered (signed, retried) like any event. */
    public DeliveryDto test(String id) {
        WebhookDto webhook = get(id);
        if (!webhook.active()) {
            throw PergolaException.conflict("The webhook " + id + " is inactive: activate it to test it");
        }
        Instant now = now();
        String eventId = Ids.event();
        String body = EventBody.json(eventId, TEST_EVENT, now.toString(),
                Map.of("webhook_id", id, "message", "Test ping from Pergola"));
        return enqueue(new QueuedDelivery(Ids.delivery(), id, eventId, TEST_EVENT, 0, body), now);
    }

    /** A new delivery of the same payload (same event id, same body), queued after the subscription's others. */
    public DeliveryDto redeliver(String deliveryId) {
        QueuedDelivery earlier = queue.find(deliveryId)
                .orElseThrow(() -> PergolaException.notFound("No delivery " + deliveryId));
        return enqueue(new QueuedDelivery(Ids.delivery(), earlier.webhookId(), earlier.eventId(), earlier.eventType(),
                earlier.sequence(), earlier.payload()), now());
    }

    private DeliveryDto enqueue(QueuedDelivery delivery, Instant now) {
        queue.enqueue(delivery, now);
        return store.delivery(delivery.id()).orElseThrow(() -> PergolaException.notFound("No delivery " + delivery.id()));
    }

    private static AuditEntry entry(String type, WebhookDto webhook) {
        String name = webhook.description() != null ? webhook.description() : URI.create(webhook.url()).getHost();
        return AuditEntry.of(type).withTarget("webhook", webhook.id(), name);
    }

    private static void failOn(WebhookRules rules) {
        if (!rules.problems().isEmpty()) {
            throw PergolaException.invalid(rules.problems());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
