package dev.pergola.identity.internal.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import dev.pergola.identity.internal.store.UserEntity;

/**
 * An account as everything outside the account services sees it: never the password hash, never the entity.
 * {@code roles} are role names, sorted; timestamps are to the millisecond, as the API shows them.
 */
public record UserDto(String id, String username, String email, String firstName, String lastName, String phone,
        String bio, String locale, String timezone, String status, Instant createdAt, Instant updatedAt,
        Instant lastLoginAt, Instant deletedAt, Set<String> roles) {

    static UserDto of(UserEntity u) {
        if (u == null) {
            return null;
        }
        Set<String> roles = new TreeSet<>();
        u.roles.forEach(r -> roles.add(r.name));
        return new UserDto(u.id, u.username, u.email, u.firstName, u.lastName, u.phone, u.bio, u.locale, u.timezone,
                u.status, millis(u.createdAt), millis(u.updatedAt), millis(u.lastLoginAt), millis(u.deletedAt),
                Collections.unmodifiableSet(roles));
    }

    public boolean isActive() {
        return "active".equals(status) && deletedAt == null;
    }

    /** The same account showing another email (an answer that must not reveal the address is taken). */
    UserDto withEmail(String shown) {
        return new UserDto(id, username, shown, firstName, lastName, phone, bio, locale, timezone, status, createdAt,
                updatedAt, lastLoginAt, deletedAt, roles);
    }

    private static Instant millis(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant().truncatedTo(ChronoUnit.MILLIS);
    }
}
