package dev.pergola.identity.internal.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pergola.identity.internal.session.SessionDto;

/** A session in {@code /api/v1/auth/sessions}: never its user id or refresh hash. Empty members are written as null. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record SessionView(String id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, Instant endedAt,
        String endReason, String clientAddress, String userAgent, boolean current, boolean active) {

    static SessionView of(SessionDto s, String currentSessionId, Instant now) {
        return new SessionView(s.id(), Timestamps.millis(s.createdAt()), Timestamps.millis(s.lastUsedAt()),
                Timestamps.millis(s.expiresAt()), Timestamps.millis(s.endedAt()), s.endReason(), s.clientAddress(),
                s.userAgent(), s.id().equals(currentSessionId), s.isOpenAt(now));
    }
}
