package dev.pergola.api.identity;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Authenticates callers that do not pass through the platform's JAX-RS filters — a WebSocket's first message, a
 * long-lived stream checking that its caller is still allowed — with the same rules as those filters: an access token
 * is good while it is unexpired and its login session is open, an API key while it is unrevoked and unexpired, and
 * either only while the account is active.
 *
 * @since 1.3
 */
@ProviderType
public interface Authenticator {
    /**
     * The caller an access token or an API key ({@code pgl_…}) stands for, with its effective permissions; empty when
     * the credential is unknown, altered, expired or revoked, its session has ended, or its account is inactive.
     */
    Optional<PergolaPrincipal> authenticate(String credential);

    /**
     * The caller as it stands now: empty once its login session has ended (or its API key was revoked or expired) or
     * its account was deactivated; otherwise the same caller with its permissions as they are now. Long-lived
     * connections call it periodically; the access token they started with may have expired meanwhile, the session
     * is what counts.
     */
    Optional<PergolaPrincipal> current(PergolaPrincipal principal);
}
