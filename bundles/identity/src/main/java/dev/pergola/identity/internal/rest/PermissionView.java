package dev.pergola.identity.internal.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pergola.identity.internal.store.PermissionEntity;

/** A permission in {@code /api/v1/permissions}; {@code source} is the bundle that defined it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record PermissionView(String name, String description, String source) {

    static PermissionView of(PermissionEntity p) {
        return new PermissionView(p.name, p.description, p.source);
    }
}
