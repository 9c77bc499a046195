package dev.pergola.identity.internal.apikey;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import dev.pergola.identity.internal.store.ApiKeyEntity;

/** An API key as the rest of the bundle sees it: never its secret or hash. {@code prefix} is the shown start. */
public record ApiKeyDto(String id, String userId, String name, String prefix, List<String> scopes,
        Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    static ApiKeyDto of(ApiKeyEntity k) {
        return new ApiKeyDto(k.id, k.userId, k.name, ApiKeys.PREFIX + k.prefix, List.copyOf(Arrays.asList(k.scopes.split(","))),
                millis(k.createdAt), millis(k.expiresAt), millis(k.lastUsedAt), millis(k.revokedAt));
    }

    /** active, expired or revoked at {@code now}. */
    public String stateAt(Instant now) {
        return revokedAt != null ? "revoked" : expiresAt.isAfter(now) ? "active" : "expired";
    }

    private static Instant millis(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant().truncatedTo(ChronoUnit.MILLIS);
    }
}
