package dev.pergola.webhooks.internal.store;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.persistence.ListQueryExecutor;
import dev.pergola.api.persistence.MigratedSchema;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.PageResult;
import dev.pergola.webhooks.internal.DeliveryDto;
import dev.pergola.webhooks.internal.WebhookDto;

/** {@link WebhookStore} on the bundle's persistence unit, once {@code V1__create_webhooks.sql} has run. */
@Component(service = WebhookStore.class)
public class JpaWebhookStore implements WebhookStore {
    private final JpaTemplate jpa;
    private final ListQueryExecutor lists;

    @Activate
    public JpaWebhookStore(@Reference(target = "(osgi.unit.name=pergola-webhooks)") JpaTemplate jpa,
            @Reference ListQueryExecutor lists,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.webhooks)") MigratedSchema schema) {
        this.jpa = jpa;
        this.lists = lists;
    }

    @Override
    public PageResult<WebhookDto> list(ListQuery query) {
        return jpa.txExpr(TransactionType.Required, em -> lists.fetch(em, WebhookEntity.class, query))
                .map(WebhookEntity::toDto);
    }

    @Override
    public Optional<WebhookDto> find(String id) {
        return Optional.ofNullable(jpa.txExpr(TransactionType.Required, em -> em.find(WebhookEntity.class, id)))
                .map(WebhookEntity::toDto);
    }

    @Override
    public Optional<String> sealedSecret(String id) {
        return Optional.ofNullable(jpa.txExpr(TransactionType.Required, em -> em.find(WebhookEntity.class, id)))
                .map(e -> e.secret);
    }

    @Override
    public void insert(WebhookDto webhook, String sealedSecret, Consumer<Connection> alsoInTransaction) {
        jpa.tx(TransactionType.Required, em -> {
            em.persist(new WebhookEntity(webhook, sealedSecret));
            finish(em, alsoInTransaction);
        });
    }

    @Override
    public boolean update(WebhookDto webhook, Consumer<Connection> alsoInTransaction) {
        return jpa.txExpr(TransactionType.Required, em -> {
            WebhookEntity row = em.find(WebhookEntity.class, webhook.id());
            if (row == null) {
                return false;
            }
            row.apply(webhook);
            finish(em, alsoInTransaction);
            return true;
        });
    }

    @Override
    public boolean replaceSecret(String id, String sealedSecret, Instant at, Consumer<Connection> alsoInTransaction) {
        return jpa.txExpr(TransactionType.Required, em -> {
            WebhookEntity row = em.find(WebhookEntity.class, id);
            if (row == null) {
                return false;
            }
            row.secret = sealedSecret;
            row.updatedAt = Timestamp.from(at);
            finish(em, alsoInTransaction);
            return true;
        });
    }

    @Override
    public boolean delete(String id, Consumer<Connection> alsoInTransaction) {
        return jpa.txExpr(TransactionType.Required, em -> {
            // the deliveries go by the foreign key's ON DELETE CASCADE
            boolean deleted = em.createQuery("DELETE FROM WebhookEntity w WHERE w.id = :id").setParameter("id", id)
                    .executeUpdate() > 0;
            if (deleted) {
                finish(em, alsoInTransaction);
            }
            return deleted;
        });
    }

    @Override
    public PageResult<DeliveryDto> deliveries(String webhookId, ListQuery query) {
        return jpa.txExpr(TransactionType.Required, em -> lists.fetch(em, DeliveryEntity.class, query,
                (cb, root) -> cb.equal(root.get("webhookId"), webhookId))).map(DeliveryEntity::toDto);
    }

    @Override
    public Optional<DeliveryDto> delivery(String id) {
        return Optional.ofNullable(jpa.txExpr(TransactionType.Required, em -> em.find(DeliveryEntity.class, id)))
                .map(DeliveryEntity::toDto);
    }

    @Override
    public java.util.List<String> recentDeliveryIds(int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT d.id FROM DeliveryEntity d ORDER BY d.createdAt DESC", String.class).setMaxResults(limit)
                .getResultList());
    }

    /** Writes the change, then runs the caller's part (the audit record) on the same connection, same transaction. */
    private static void finish(EntityManager em, Consumer<Connection> alsoInTransaction) {
        em.flush();
        alsoInTransaction.accept(em.unwrap(Connection.class));
    }
}
