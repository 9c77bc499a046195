package dev.pergola.plugins.internal.store;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.persistence.MigratedSchema;

/**
 * The plugin rows: the desired state every node converges to. Every change an operator asked for (install, enable,
 * disable, update, uninstall, a failure) is written together with its audit record, in one transaction: the record
 * commits or rolls back with the row, and the audit trail announces it once committed. Only what the reconciler
 * observes (state, last error after a start) is written without a record.
 */
@Component(service = PluginRegistry.class)
public class PluginRegistry {
    private final JpaTemplate jpa;
    private final AuditTrail audit;

    @Activate
    public PluginRegistry(@Reference(target = "(osgi.unit.name=pergola-plugins)") JpaTemplate jpa,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.plugins)") MigratedSchema schema,
            @Reference AuditTrail audit) {
        this.jpa = jpa;
        this.audit = audit;
    }

    public List<PluginEntity> all() {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT p FROM PluginEntity p ORDER BY p.slug", PluginEntity.class).getResultList());
    }

    public Optional<PluginEntity> find(String slug) {
        return Optional.ofNullable(jpa.txExpr(TransactionType.Required, em -> em.find(PluginEntity.class, slug)));
    }

    public Optional<PluginEntity> bySymbolicName(String symbolicName) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT p FROM PluginEntity p WHERE p.symbolicName = :n", PluginEntity.class)
                .setParameter("n", symbolicName).getResultList().stream().findFirst());
    }

    public void insert(PluginEntity plugin, AuditedChange record) {
        jpa.tx(TransactionType.Required, em -> {
            em.persist(plugin);
            em.flush(); // a duplicate key fails here, before the record is written
            record(em, record, null, PluginSnapshot.of(plugin));
        });
    }

    /** Applies a change the reconciler observed (state, last error) to the stored row, without an audit record. */
    public PluginEntity change(String slug, Consumer<PluginEntity> change) {
        return jpa.txExpr(TransactionType.Required, em -> {
            PluginEntity p = stored(em, slug);
            change.accept(p);
            return p;
        });
    }

    /** Applies a change to the stored row and writes its audit record in the same transaction. */
    public PluginEntity change(String slug, Consumer<PluginEntity> change, AuditedChange record) {
        return jpa.txExpr(TransactionType.Required, em -> {
            PluginEntity p = stored(em, slug);
            PluginSnapshot before = PluginSnapshot.of(p);
            change.accept(p);
            record(em, record, before, PluginSnapshot.of(p));
            return p;
        });
    }

    /** Deletes the row (if it is still there) and writes the audit record in the same transaction. */
    public void delete(String slug, AuditedChange record) {
        jpa.tx(TransactionType.Required, em -> {
            PluginEntity p = em.find(PluginEntity.class, slug);
            if (p != null) {
                PluginSnapshot before = PluginSnapshot.of(p);
                em.remove(p);
                record(em, record, before, null);
            }
        });
    }

    /** Whether any row still refers to this artifact (as current or previous). */
    public boolean references(String checksum) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery("SELECT COUNT(p) FROM PluginEntity p"
                + " WHERE p.checksum = :c OR p.previousChecksum = :c", Long.class).setParameter("c", checksum)
                .getSingleResult()) > 0;
    }

    private static PluginEntity stored(EntityManager em, String slug) {
        PluginEntity p = em.find(PluginEntity.class, slug);
        if (p == null) {
            throw new IllegalStateException("Plugin " + slug + " vanished from the registry");
        }
        return p;
    }

    private void record(EntityManager em, AuditedChange record, PluginSnapshot before, PluginSnapshot after) {
        audit.record(em.unwrap(Connection.class), record.entry(before, after));
    }
}
