package dev.pergola.api.identity;

import java.security.Principal;
import java.util.Set;

/**
 * The caller of a REST request, as {@code SecurityContext.getUserPrincipal()} returns it once the
 * platform has authenticated the request (bearer token, browser session or API key).
 */
public final class PergolaPrincipal implements Principal {
    private final String userId;
    private final String username;
    private final Set<String> permissions;
    private final String sessionId;
    private final String apiKeyId;

    /** A caller signed in with a login session (bearer token or browser cookie). */
    public PergolaPrincipal(String userId, String username, Set<String> permissions, String sessionId) {
        this(userId, username, permissions, sessionId, null);
    }

    private PergolaPrincipal(String userId, String username, Set<String> permissions, String sessionId, String apiKeyId) {
        this.userId = userId;
        this.username = username;
        this.permissions = Set.copyOf(permissions);
        this.sessionId = sessionId;
        this.apiKeyId = apiKeyId;
    }

    /**
     * A caller authenticated by an API key: acts for its owner with the key's scopes (already narrowed to what the
     * owner holds), has no login session.
     *
     * @since 1.1
     */
    public static PergolaPrincipal apiKey(String userId, String username, Set<String> permissions, String apiKeyId) {
        if (apiKeyId == null) {
            throw new IllegalArgumentException("an API-key principal needs the key's id");
        }
        return new PergolaPrincipal(userId, username, permissions, null, apiKeyId);
    }

    @Override
    public String getName() {
        return username;
    }

    public String userId() {
        return userId;
    }

    /** Effective permissions: the union over the user's roles (narrowed to its scopes for an API key). */
    public Set<String> permissions() {
        return permissions;
    }

    public boolean hasPermission(String permission) {
        return permissions.contains(permission);
    }

    /** The login session the access token belongs to; null for API keys. */
    public String sessionId() {
        return sessionId;
    }

    /**
     * Whether the request was authenticated by an API key. Such callers may not do what needs the owner
     * themselves (change the email or password, see or end sessions, manage keys).
     *
     * @since 1.1
     */
    public boolean viaApiKey() {
        return apiKeyId != null;
    }

    /** The id of the API key that authenticated the request; null for a login session. @since 1.1 */
    public String apiKeyId() {
        return apiKeyId;
    }
}
