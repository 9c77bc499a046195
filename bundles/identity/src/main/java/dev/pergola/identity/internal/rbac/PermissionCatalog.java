package dev.pergola.identity.internal.rbac;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.identity.Permissions;
import dev.pergola.api.persistence.MigratedSchema;
import dev.pergola.identity.internal.audit.IdentityAudit;
import dev.pergola.identity.internal.lifecycle.RetryingStart;
import dev.pergola.identity.internal.store.PermissionEntity;
import dev.pergola.identity.internal.store.RoleEntity;

/**
 * The permission catalogue: the platform's own permissions and roles (seeded idempotently), plus the
 * permissions every installed bundle declares in {@code Pergola-Permissions}, added when the bundle is
 * installed and removed with it (a plugin's permission appearing or going is recorded as {@code permission.added}
 * or {@code permission.removed}; the core ones, seeded at every boot, are not). {@link #generation()} changes whenever the catalogue does, so caches
 * of effective permissions know when to drop.
 */
@Component(service = PermissionCatalog.class, immediate = true)
public class PermissionCatalog implements BundleTrackerCustomizer<List<String>> {
    public static final String ADMIN_ROLE = "admin";
    public static final String USER_ROLE = "user";
    private static final Logger LOG = LoggerFactory.getLogger(PermissionCatalog.class);

    private final JpaTemplate jpa;
    private final AtomicLong generation = new AtomicLong();
    private final BundleTracker<List<String>> tracker;
    private final RetryingStart start;
    private final IdentityAudit audit;

    @Activate
    public PermissionCatalog(BundleContext context,
            @Reference(target = "(osgi.unit.name=pergola-identity)") JpaTemplate jpa,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.identity)") MigratedSchema schema,
            @Reference IdentityAudit audit) {
        this.jpa = jpa;
        this.audit = audit;
        // INSTALLED and up: a plugin's permissions exist while it is installed, enabled or not
        this.tracker = new BundleTracker<>(context, Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING
                | Bundle.ACTIVE | Bundle.STOPPING, this);
        // seeding reads and writes the database: on a thread of ours, retried until it works
        this.start = new RetryingStart("permission catalogue", () -> {
            jpa.tx(TransactionType.Required, this::seed);
            generation.incrementAndGet();
            tracker.open();
        });
    }

    @Deactivate
    void close() {
        start.stop();
        tracker.close();
    }

    /** Whether the core permissions and roles are in the database and plugins' permissions are tracked. */
    public boolean ready() {
        return start.done();
    }

    /**
     * The permission tables were replaced (a restore): put back the core permissions and roles and those of the
     * installed bundles that the restored data lacks, and tell effective-permission caches to drop.
     */
    public void reseed() {
        jpa.tx(TransactionType.Required, this::seed);
        tracker.getTracked().keySet().forEach(bundle -> addingBundle(bundle, null));
        generation.incrementAndGet();
    }

    public long generation() {
        return generation.get();
    }

    /** Core permissions: {@code admin.<area>.view|manage}, {@code users.view}, {@code admin.shell}, {@code admin.console}. */
    static Map<String, String> corePermissions() {
        Map<String, String> core = new LinkedHashMap<>();
        for (String area : Permissions.AREAS) {
            core.put(Permissions.view(area), "View " + area);
            core.put(Permissions.manage(area), "Manage " + area);
        }
        core.put(Permissions.USERS_VIEW, "See other users' public profiles");
        core.put(Permissions.SHELL, "Use the Karaf shell and SSH as an administrator");
        core.put(Permissions.CONSOLE, "Use the Karaf web console");
        core.put(Permissions.AUDIT_EXPORT, "Export the audit trail");
        return core;
    }

    private void seed(EntityManager em) {
        corePermissions().forEach((name, description) -> upsert(em, name, description, "core"));
        role(em, ADMIN_ROLE, "Every permission, including those plugins define");
        role(em, USER_ROLE, "A signed-in user: own profile, preferences and sessions");
    }

    private static void role(EntityManager em, String name, String description) {
        List<RoleEntity> found = em.createQuery("SELECT r FROM RoleEntity r WHERE r.name = :n", RoleEntity.class)
                .setParameter("n", name).getResultList();
        if (found.isEmpty()) {
            RoleEntity role = new RoleEntity();
            role.id = UUID.randomUUID().toString();
            role.name = name;
            role.description = description;
            role.system = true;
            role.createdAt = Timestamp.from(Instant.now());
            em.persist(role);
        }
    }

    /** @return whether the permission is new */
    private static boolean upsert(EntityManager em, String name, String description, String source) {
        PermissionEntity existing = em.find(PermissionEntity.class, name);
        if (existing == null) {
            PermissionEntity p = new PermissionEntity();
            p.name = name;
            p.description = description;
            p.source = source;
            p.createdAt = Timestamp.from(Instant.now());
            em.persist(p);
            return true;
        }
        if (source.equals(existing.source)) {
            existing.description = description;
        }
        return false;
    }

    /** The record of a plugin's permission appearing or going, in the catalogue change's transaction. */
    private void recordChange(EntityManager em, String action, String name, String description, String source) {
        audit.inTransaction(em, AuditEntry.of(action).withTarget("permission", name, name)
                .withAfter(EventTypes.PERMISSION_ADDED.equals(action) ? new PermissionView(name, description, source) : null)
                .withBefore(EventTypes.PERMISSION_REMOVED.equals(action) ? new PermissionView(name, description, source) : null)
                .withDetail("plugin", source));
    }

    /** A permission as its audit records show it. */
    record PermissionView(String name, String description, String source) {
    }

    @Override
    public List<String> addingBundle(Bundle bundle, BundleEvent event) {
        String header = bundle.getHeaders("").get(Permissions.HEADER);
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            List<PermissionHeader.Declared> declared = PermissionHeader.parse(header);
            // already known (every boot re-tracks installed plugins): nothing new to record
            jpa.tx(TransactionType.Required, em -> declared.forEach(d -> {
                if (upsert(em, d.name(), d.description(), bundle.getSymbolicName())) {
                    recordChange(em, EventTypes.PERMISSION_ADDED, d.name(), d.description(), bundle.getSymbolicName());
                }
            }));
            generation.incrementAndGet();
            List<String> names = new ArrayList<>();
            declared.forEach(d -> names.add(d.name()));
            LOG.info("{} defines permissions {}", bundle.getSymbolicName(), names);
            return names;
        } catch (RuntimeException e) {
            LOG.error("Ignoring the permissions of {}: {}", bundle.getSymbolicName(), e.getMessage());
            return null;
        }
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, List<String> names) {
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, List<String> names) {
        if (bundle.getState() != Bundle.UNINSTALLED) {
            return; // framework shutting down or the tracker closing: the plugin is still installed
        }
        jpa.tx(TransactionType.Required, em -> {
            List<PermissionEntity> gone = em.createQuery("SELECT p FROM PermissionEntity p WHERE p.source = :s",
                    PermissionEntity.class).setParameter("s", bundle.getSymbolicName()).getResultList();
            gone.forEach(p -> recordChange(em, EventTypes.PERMISSION_REMOVED, p.name, p.description, p.source));
            em.createQuery("DELETE FROM PermissionEntity p WHERE p.source = :s").setParameter("s", bundle.getSymbolicName())
                    .executeUpdate();
        });
        generation.incrementAndGet();
        LOG.info("{} uninstalled: removed permissions {}", bundle.getSymbolicName(), names);
    }
}
