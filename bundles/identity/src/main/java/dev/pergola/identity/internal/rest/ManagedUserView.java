package dev.pergola.identity.internal.rest;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pergola.identity.internal.account.UserDto;

/** A user in {@code /api/v1/users}: what {@link UserView} shows, plus what an administrator manages. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ManagedUserView(String id, String username, String email, String firstName, String lastName, String locale,
        String timezone, String status, Instant createdAt, Instant lastLoginAt, Set<String> roles, String phone,
        String bio, Instant updatedAt, Instant deletedAt) {

    static ManagedUserView of(UserDto u, Set<String> roles) {
        return new ManagedUserView(u.id(), u.username(), u.email(), u.firstName(), u.lastName(), u.locale(),
                u.timezone(), u.status(), Timestamps.millis(u.createdAt()), Timestamps.millis(u.lastLoginAt()), roles,
                u.phone(), u.bio(), Timestamps.millis(u.updatedAt()), Timestamps.millis(u.deletedAt()));
    }
}
