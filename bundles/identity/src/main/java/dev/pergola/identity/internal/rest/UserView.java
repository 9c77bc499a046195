package dev.pergola.identity.internal.rest;

import java.time.Instant;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pergola.identity.internal.account.UserDto;

/**
 * A user as the account itself sees it (login, {@code /auth/me}, profile); never the password hash. Empty members
 * are written as {@code null}, as this API always has; {@code permissions} only where it is known (/auth/me).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record UserView(String id, String username, String email, String firstName, String lastName, String locale,
        String timezone, String status, Instant createdAt, Instant lastLoginAt, Set<String> roles,
        @JsonInclude(JsonInclude.Include.NON_NULL) SortedSet<String> permissions) {

    static UserView of(UserDto u, Set<String> roles, Set<String> permissions) {
        return new UserView(u.id(), u.username(), u.email(), u.firstName(), u.lastName(), u.locale(), u.timezone(),
                u.status(), Timestamps.millis(u.createdAt()), Timestamps.millis(u.lastLoginAt()), roles,
                permissions == null ? null : new TreeSet<>(permissions));
    }
}
