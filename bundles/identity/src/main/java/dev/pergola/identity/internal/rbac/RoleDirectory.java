package dev.pergola.identity.internal.rbac;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.persistence.ListQueryExecutor;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.account.Accounts;
import dev.pergola.identity.internal.audit.AuditActors;
import dev.pergola.identity.internal.audit.IdentityAudit;
import dev.pergola.identity.internal.store.Columns;
import dev.pergola.identity.internal.store.FieldLengths;
import dev.pergola.identity.internal.store.PermissionEntity;
import dev.pergola.identity.internal.store.RoleEntity;

/**
 * Roles and the permissions they grant. System roles ({@code admin}, {@code user}) can be edited, not deleted.
 * Every change goes through the grantor rule ({@link GrantPolicy}) for the {@link Actor} asking.
 */
@Component(service = RoleDirectory.class)
public class RoleDirectory {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{1,63}");

    private final JpaTemplate jpa;
    private final ListQueryExecutor lists;
    private final Accounts accounts;
    private final IdentityAudit audit;

    @Activate
    public RoleDirectory(@Reference(target = "(osgi.unit.name=pergola-identity)") JpaTemplate jpa,
            @Reference ListQueryExecutor lists, @Reference Accounts accounts, @Reference IdentityAudit audit) {
        this.audit = audit;
        this.jpa = jpa;
        this.lists = lists;
        this.accounts = accounts;
    }

    public PageResult<RoleDto> list(ListQuery query) {
        return jpa.txExpr(TransactionType.Required, em -> lists.fetch(em, RoleEntity.class, query).map(RoleDto::of));
    }

    public PageResult<PermissionEntity> permissions(ListQuery query) {
        return jpa.txExpr(TransactionType.Required, em -> lists.fetch(em, PermissionEntity.class, query));
    }

    /** @throws PergolaException 404 when no role has this name */
    public RoleDto byName(String name) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT r FROM RoleEntity r LEFT JOIN FETCH r.permissions WHERE r.name = :n", RoleEntity.class)
                .setParameter("n", name).getResultList().stream().findFirst().map(RoleDto::of)
                .orElseThrow(() -> PergolaException.notFound("No role named " + name)));
    }

    public RoleDto get(String id) {
        return jpa.txExpr(TransactionType.Required, em -> RoleDto.of(find(em, id)));
    }

    public RoleDto create(Actor actor, String name, String description, List<String> permissions) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw PergolaException.invalid("name", "2 to 64 lower-case letters, digits, '_' or '-', starting with a letter");
        }
        checkLengths(description, permissions);
        return jpa.txExpr(TransactionType.Required, em -> {
            if (!em.createQuery("SELECT r.id FROM RoleEntity r WHERE r.name = :n", String.class).setParameter("n", name)
                    .getResultList().isEmpty()) {
                throw PergolaException.conflict("A role named '" + name + "' exists already.");
            }
            RoleEntity role = new RoleEntity();
            role.id = UUID.randomUUID().toString();
            role.name = name;
            role.description = description;
            role.createdAt = Timestamp.from(Instant.now());
            List<PermissionEntity> granted = permissions(em, permissions);
            GrantPolicy.editRole(actor, name, Set.of(), names(granted));
            role.permissions.addAll(granted);
            em.persist(role);
            RoleDto created = RoleDto.of(role);
            audit.inTransaction(em, roleEntry(EventTypes.ROLE_CREATED, role, actor).withAfter(created));
            return created;
        });
    }

    /** Null {@code description} or {@code permissions} leave that part as it is. */
    public RoleDto update(Actor actor, String id, String description, List<String> permissions) {
        checkLengths(description, permissions);
        RoleDto updated = jpa.txExpr(TransactionType.Required, em -> {
            RoleEntity role = find(em, id);
            Set<String> before = accounts.grantsOf(role);
            List<PermissionEntity> granted = permissions == null ? null : permissions(em, permissions);
            Set<String> after = granted == null || PermissionCatalog.ADMIN_ROLE.equals(role.name) ? before : names(granted);
            GrantPolicy.editRole(actor, role.name, before, after);
            RoleDto was = RoleDto.of(role);
            if (description != null) {
                role.description = description;
            }
            if (granted != null) {
                role.permissions.clear();
                role.permissions.addAll(granted);
            }
            RoleDto now = RoleDto.of(role);
            audit.inTransaction(em, roleEntry(EventTypes.ROLE_UPDATED, role, actor).withBefore(was).withAfter(now));
            return now;
        });
        accounts.invalidate(null);
        return updated;
    }

    public void delete(Actor actor, String id) {
        jpa.tx(TransactionType.Required, em -> {
            RoleEntity role = find(em, id);
            if (role.system) {
                throw PergolaException.conflict("The role '" + role.name + "' belongs to the platform and cannot be deleted.");
            }
            Set<String> grants = accounts.grantsOf(role);
            GrantPolicy.editRole(actor, role.name, grants, grants);
            RoleDto was = RoleDto.of(role);
            em.remove(role);
            audit.inTransaction(em, roleEntry(EventTypes.ROLE_DELETED, role, actor).withBefore(was));
        });
        accounts.invalidate(null);
    }

    private static AuditEntry roleEntry(String action, RoleEntity role, Actor actor) {
        return AuditEntry.of(action).withTarget("role", role.id, role.name).withActor(AuditActors.of(actor));
    }

    private static void checkLengths(String description, List<String> permissions) {
        FieldLengths.check().text("description", description, Columns.ROLE_DESCRIPTION)
                .each("permissions", permissions, Columns.PERMISSION_NAME).orThrow();
    }

    private static Set<String> names(List<PermissionEntity> permissions) {
        Set<String> names = new TreeSet<>();
        permissions.forEach(p -> names.add(p.name));
        return names;
    }

    private static RoleEntity find(EntityManager em, String id) {
        RoleEntity role = em.find(RoleEntity.class, id);
        if (role == null) {
            throw PergolaException.notFound("No role " + id);
        }
        return role;
    }

    private static List<PermissionEntity> permissions(EntityManager em, List<String> names) {
        List<PermissionEntity> found = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            PermissionEntity p = em.find(PermissionEntity.class, name);
            if (p == null) {
                unknown.add(name);
            } else {
                found.add(p);
            }
        }
        if (!unknown.isEmpty()) {
            throw PergolaException.invalid("permissions", "unknown permission(s): " + String.join(", ", unknown));
        }
        return found;
    }
}
