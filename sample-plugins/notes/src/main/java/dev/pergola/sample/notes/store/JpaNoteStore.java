package dev.pergola.sample.notes.store;

import java.sql.Connection;
import java.util.Optional;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.persistence.ListQueryExecutor;
import dev.pergola.api.persistence.MigratedSchema;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.PageResult;
import dev.pergola.sample.notes.NoteDto;

/**
 * {@link NoteStore} on the plugin's persistence unit. It waits for {@link MigratedSchema} of this bundle, so it
 * never runs before {@code V1__create_notes.sql} has; lists go through the platform's shared
 * {@link ListQueryExecutor} (bound parameters, no paging by hand). Changes hand their audit record to the platform's
 * {@link AuditTrail} with the transaction's own connection ({@code em.unwrap(Connection.class)}), so the row and
 * its record commit or roll back together.
 */
@Component(service = NoteStore.class)
public class JpaNoteStore implements NoteStore {
    private final JpaTemplate jpa;
    private final ListQueryExecutor lists;
    private final AuditTrail audit;

    @Activate
    public JpaNoteStore(@Reference(target = "(osgi.unit.name=acme-notes)") JpaTemplate jpa,
            @Reference ListQueryExecutor lists,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.sample.notes)") MigratedSchema schema,
            @Reference AuditTrail audit) {
        this.jpa = jpa;
        this.lists = lists;
        this.audit = audit;
    }

    @Override
    public PageResult<NoteDto> list(ListQuery query) {
        return jpa.txExpr(TransactionType.Required, em -> lists.fetch(em, NoteEntity.class, query))
                .map(NoteEntity::toDto);
    }

    @Override
    public Optional<NoteDto> find(String id) {
        return Optional.ofNullable(jpa.txExpr(TransactionType.Required, em -> em.find(NoteEntity.class, id)))
                .map(NoteEntity::toDto);
    }

    @Override
    public Optional<NoteDto> findByTitle(String title) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT n FROM NoteEntity n WHERE n.title = :t", NoteEntity.class).setParameter("t", title)
                .getResultList().stream().findFirst()).map(NoteEntity::toDto);
    }

    @Override
    public long count() {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT COUNT(n) FROM NoteEntity n", Long.class).getSingleResult());
    }

    @Override
    public void insert(NoteDto note, AuditEntry record) {
        jpa.tx(TransactionType.Required, em -> {
            em.persist(new NoteEntity(note));
            em.flush(); // a constraint violation surfaces here, inside the store, not at some later commit
            audit.record(em.unwrap(Connection.class), record);
        });
    }

    @Override
    public boolean delete(String id, AuditEntry record) {
        return jpa.txExpr(TransactionType.Required, em -> {
            boolean deleted = em.createQuery("DELETE FROM NoteEntity n WHERE n.id = :id").setParameter("id", id)
                    .executeUpdate() > 0;
            if (deleted) {
                audit.record(em.unwrap(Connection.class), record);
            }
            return deleted;
        });
    }
}
