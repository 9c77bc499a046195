package dev.pergola.identity.internal.session;

import java.time.Instant;

/**
 * One login session as the rest of the bundle sees it (never the entity, never the refresh hash).
 * Timestamps are to the millisecond, as the API shows them.
 */
public record SessionDto(String id, String userId, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
        Instant endedAt, String endReason, String clientAddress, String userAgent, String kind) {

    /** Open: not ended and not expired at {@code now}. */
    public boolean isOpenAt(Instant now) {
        return endedAt == null && expiresAt.isAfter(now);
    }
}
