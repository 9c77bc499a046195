package dev.pergola.plugins.internal.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.persistence.MigratedSchema;

/** The plugin rows: the desired state every node converges to. */
@Component(service = PluginRegistry.class)
public class PluginRegistry {
    private final JpaTemplate jpa;

    @Activate
    public PluginRegistry(@Reference(target = "(osgi.unit.name=pergola-plugins)") JpaTemplate jpa,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.plugins)") MigratedSchema schema) {
        this.jpa = jpa;
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

    public void insert(PluginEntity plugin) {
        jpa.tx(TransactionType.Required, em -> em.persist(plugin));
    }

    /** Applies a change to the stored row and returns the result. */
    public PluginEntity change(String slug, Consumer<PluginEntity> change) {
        return jpa.txExpr(TransactionType.Required, em -> {
            PluginEntity p = em.find(PluginEntity.class, slug);
            if (p == null) {
                throw new IllegalStateException("Plugin " + slug + " vanished from the registry");
            }
            change.accept(p);
            return p;
        });
    }

    public void delete(String slug) {
        jpa.tx(TransactionType.Required, em -> {
            PluginEntity p = em.find(PluginEntity.class, slug);
            if (p != null) {
                em.remove(p);
            }
        });
    }

    /** Whether any row still refers to this artifact (as current or previous). */
    public boolean references(String checksum) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery("SELECT COUNT(p) FROM PluginEntity p"
                + " WHERE p.checksum = :c OR p.previousChecksum = :c", Long.class).setParameter("c", checksum)
                .getSingleResult()) > 0;
    }
}
