package dev.pergola.identity.internal.rbac;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.pergola.identity.internal.store.RoleEntity;

/**
 * A role as {@link RoleDirectory} hands it out: a detached copy, so callers outside the transaction never touch the
 * entity or its lazily-managed permission set.
 */
public record RoleDto(String id, String name, String description, boolean system, SortedSet<String> permissions,
        Instant createdAt) {

    public RoleDto {
        permissions = Collections.unmodifiableSortedSet(new TreeSet<>(permissions));
    }

    static RoleDto of(RoleEntity r) {
        SortedSet<String> names = new TreeSet<>();
        r.permissions.forEach(p -> names.add(p.name));
        return new RoleDto(r.id, r.name, r.description, r.system, names,
                r.createdAt == null ? null : r.createdAt.toInstant());
    }
}
