package dev.pergola.identity.internal.rest;

import java.time.Instant;
import java.util.SortedSet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.pergola.identity.internal.rbac.RoleDto;

/** A role in {@code /api/v1/roles}. Empty members are written as null. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record RoleView(String id, String name, String description, @JsonProperty("is_system") boolean system,
        SortedSet<String> permissions, Instant createdAt) {

    static RoleView of(RoleDto r) {
        return new RoleView(r.id(), r.name(), r.description(), r.system(), r.permissions(),
                Timestamps.millis(r.createdAt()));
    }
}
