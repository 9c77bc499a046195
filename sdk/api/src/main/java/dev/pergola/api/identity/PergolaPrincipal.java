package dev.pergola.api.identity;

import java.security.Principal;
import java.util.Set;

/**
 * The caller of a REST request, as {@code SecurityContext.getUserPrincipal()} returns it once the
 * platform has authenticated the request (bearer token or API key).
 */
public final class PergolaPrincipal implements Principal {
    private final String userId;
    private final String username;
    private final Set<String> permissions;
    private final String sessionId;

    public PergolaPrincipal(String userId, String username, Set<String> permissions, String sessionId) {
        this.userId = userId;
        this.username = username;
        this.permissions = Set.copyOf(permissions);
        this.sessionId = sessionId;
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
}
