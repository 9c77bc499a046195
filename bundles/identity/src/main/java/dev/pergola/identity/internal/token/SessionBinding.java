package dev.pergola.identity.internal.token;

import java.util.Optional;
import java.util.function.Function;

import dev.pergola.api.errors.PergolaException;

/**
 * An access token is good only while its login session ({@code sid}) is open <em>and</em> that session
 * belongs to the token's subject: a token naming one user with another user's session is refused, so
 * knowing your own session id never helps to speak for someone else.
 */
public final class SessionBinding {
    private SessionBinding() {
    }

    /**
     * @param activeSessionOwner the user id owning an open session, empty when it has ended or never existed
     * @throws PergolaException INVALID_TOKEN when the session has ended or is not the subject's
     */
    public static void require(AccessTokens.Claims claims, Function<String, Optional<String>> activeSessionOwner) {
        if (claims.sessionId() == null) {
            throw new PergolaException(PergolaException.INVALID_TOKEN, "The access token is not valid.");
        }
        String owner = activeSessionOwner.apply(claims.sessionId()).orElseThrow(
                () -> new PergolaException(PergolaException.INVALID_TOKEN, "The session of this token has ended; log in again."));
        if (!owner.equals(claims.userId())) {
            throw new PergolaException(PergolaException.INVALID_TOKEN, "The access token is not valid.");
        }
    }
}
