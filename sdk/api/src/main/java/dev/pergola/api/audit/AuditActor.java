package dev.pergola.api.audit;

import dev.pergola.api.identity.PergolaPrincipal;

/**
 * Who acted.
 *
 * @param type {@link #USER}, {@link #API_KEY} or {@link #SYSTEM}
 * @param id the user id, the API key id, or {@code system}
 * @param name how to show the actor (username, "alice (API key)", "system"); may be null for an unknown user
 * @param userId the account acting (for an API key, its owner); null for the platform itself
 */
public record AuditActor(String type, String id, String name, String userId) {
    public static final String USER = "user";
    public static final String API_KEY = "api_key";
    public static final String SYSTEM = "system";

    /** The platform itself (boot, reconciliation, scheduled jobs). */
    public static final AuditActor PLATFORM = new AuditActor(SYSTEM, SYSTEM, SYSTEM, null);

    public AuditActor {
        if (type == null || id == null) {
            throw new IllegalArgumentException("an audit actor needs a type and an id");
        }
    }

    public static AuditActor user(String userId, String username) {
        return new AuditActor(USER, userId, username, userId);
    }

    public static AuditActor apiKey(String keyId, String ownerId, String ownerName) {
        return new AuditActor(API_KEY, keyId, ownerName + " (API key)", ownerId);
    }

    /** The caller of a REST request. */
    public static AuditActor of(PergolaPrincipal principal) {
        return principal.viaApiKey() ? apiKey(principal.apiKeyId(), principal.userId(), principal.getName())
                : user(principal.userId(), principal.getName());
    }

    public boolean isSystem() {
        return SYSTEM.equals(type);
    }
}
