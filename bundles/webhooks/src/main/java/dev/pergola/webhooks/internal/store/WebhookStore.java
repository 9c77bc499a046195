package dev.pergola.webhooks.internal.store;

import java.sql.Connection;
import java.util.Optional;
import java.util.function.Consumer;

import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.webhooks.internal.DeliveryDto;
import dev.pergola.webhooks.internal.WebhookDto;

/**
 * The only code that changes {@code webhooks}, and the delivery log's reader. Each method is one transaction;
 * {@code alsoInTransaction} runs inside it with its JDBC connection (the audit record of the change), so the change
 * and its record commit or roll back together.
 */
public interface WebhookStore {
    ListSpec LIST = ListSpec.builder()
            .field("id", "id", FieldType.STRING).filterable()
            .field("url", "url", FieldType.STRING).sortable().filterable().searchable()
            .field("description", "description", FieldType.STRING).searchable()
            .field("active", "active", FieldType.BOOLEAN).filterable()
            .field("created_by", "createdBy", FieldType.STRING).filterable()
            .field("created_at", "createdAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("updated_at", "updatedAt", FieldType.TIMESTAMP).sortable().filterable()
            .defaultSort("-created_at")
            .build();

    ListSpec DELIVERIES = ListSpec.builder()
            .field("id", "id", FieldType.STRING).filterable()
            .field("event_id", "eventId", FieldType.STRING).filterable()
            .field("event_type", "eventType", FieldType.STRING).sortable().filterable()
            .field("sequence", "sequence", FieldType.LONG).sortable().filterable()
            .field("status", "status", FieldType.STRING).sortable().filterable()
            .field("attempts", "attempts", FieldType.INTEGER).sortable().filterable()
            .field("last_status_code", "lastStatusCode", FieldType.INTEGER).filterable()
            .field("next_attempt_at", "nextAttemptAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("created_at", "createdAt", FieldType.TIMESTAMP).sortable().filterable()
            .defaultSort("-created_at")
            .build();

    PageResult<WebhookDto> list(ListQuery query);

    Optional<WebhookDto> find(String id);

    /** The sealed secret, for the delivery worker only. */
    Optional<String> sealedSecret(String id);

    void insert(WebhookDto webhook, String sealedSecret, Consumer<Connection> alsoInTransaction);

    /** @return whether the row existed */
    boolean update(WebhookDto webhook, Consumer<Connection> alsoInTransaction);

    /** @return whether the row existed */
    boolean replaceSecret(String id, String sealedSecret, java.time.Instant at, Consumer<Connection> alsoInTransaction);

    /** Deletes the subscription and (cascade) its deliveries. @return whether the row existed */
    boolean delete(String id, Consumer<Connection> alsoInTransaction);

    PageResult<DeliveryDto> deliveries(String webhookId, ListQuery query);

    Optional<DeliveryDto> delivery(String id);

    /** Ids of the newest deliveries of every subscription, for shell completion. */
    java.util.List<String> recentDeliveryIds(int limit);
}
