package dev.pergola.identity.internal.rbac;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.persistence.ListQueryExecutor;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.rest.ApiException;
import dev.pergola.identity.internal.account.Accounts;
import dev.pergola.identity.internal.store.PermissionEntity;
import dev.pergola.identity.internal.store.RoleEntity;

/** Roles and the permissions they grant. System roles ({@code admin}, {@code user}) can be edited, not deleted. */
@Component(service = RoleDirectory.class)
public class RoleDirectory {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{1,63}");

    private final JpaTemplate jpa;
    private final ListQueryExecutor lists;
    private final Accounts accounts;

    @Activate
    public RoleDirectory(@Reference(target = "(osgi.unit.name=pergola-identity)") JpaTemplate jpa,
            @Reference ListQueryExecutor lists, @Reference Accounts accounts) {
        this.jpa = jpa;
        this.lists = lists;
        this.accounts = accounts;
    }

    public PageResult<RoleEntity> list(ListQuery query) {
        return jpa.txExpr(TransactionType.Required, em -> lists.fetch(em, RoleEntity.class, query));
    }

    public PageResult<PermissionEntity> permissions(ListQuery query) {
        return jpa.txExpr(TransactionType.Required, em -> lists.fetch(em, PermissionEntity.class, query));
    }

    /** @throws ApiException 404 when no role has this name */
    public RoleEntity byName(String name) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT r FROM RoleEntity r LEFT JOIN FETCH r.permissions WHERE r.name = :n", RoleEntity.class)
                .setParameter("n", name).getResultList().stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("No role named " + name)));
    }

    public RoleEntity get(String id) {
        return jpa.txExpr(TransactionType.Required, em -> find(em, id));
    }

    public RoleEntity create(String name, String description, List<String> permissions) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.validation("name", "2 to 64 lower-case letters, digits, '_' or '-', starting with a letter");
        }
        return jpa.txExpr(TransactionType.Required, em -> {
            if (!em.createQuery("SELECT r.id FROM RoleEntity r WHERE r.name = :n", String.class).setParameter("n", name)
                    .getResultList().isEmpty()) {
                throw ApiException.conflict("A role named '" + name + "' exists already.");
            }
            RoleEntity role = new RoleEntity();
            role.id = UUID.randomUUID().toString();
            role.name = name;
            role.description = description;
            role.createdAt = Timestamp.from(Instant.now());
            role.permissions.addAll(permissions(em, permissions));
            em.persist(role);
            return role;
        });
    }

    public RoleEntity update(String id, String description, List<String> permissions) {
        RoleEntity updated = jpa.txExpr(TransactionType.Required, em -> {
            RoleEntity role = find(em, id);
            if (description != null) {
                role.description = description;
            }
            if (permissions != null) {
                role.permissions.clear();
                role.permissions.addAll(permissions(em, permissions));
            }
            return role;
        });
        accounts.invalidate(null);
        return updated;
    }

    public void delete(String id) {
        jpa.tx(TransactionType.Required, em -> {
            RoleEntity role = find(em, id);
            if (role.system) {
                throw ApiException.conflict("The role '" + role.name + "' belongs to the platform and cannot be deleted.");
            }
            em.remove(role);
        });
        accounts.invalidate(null);
    }

    private static RoleEntity find(EntityManager em, String id) {
        RoleEntity role = em.find(RoleEntity.class, id);
        if (role == null) {
            throw ApiException.notFound("No role " + id);
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
            throw ApiException.validation("permissions", "unknown permission(s): " + String.join(", ", unknown));
        }
        return found;
    }
}
