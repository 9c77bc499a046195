package dev.pergola.identity.internal.rbac;

import java.util.Set;

/**
 * Who asks for a change to accounts or roles, as the grantor rule sees them: what they may do (for an API key,
 * its scopes narrowed to the owner's permissions), the roles their account holds, and whether they hold every
 * permission there is (an administrator).
 *
 * @param userId the account acting; null for the machine's own local console
 * @param name how to name the actor in messages
 * @param permissions what the actor may do now
 * @param roles names of the roles the actor's account holds (self-escalation is judged on them)
 * @param holdsEverything whether {@code permissions} covers the whole catalogue
 * @param viaApiKey whether the actor is an API key acting for {@code userId}
 */
public record Actor(String userId, String name, Set<String> permissions, Set<String> roles, boolean holdsEverything,
        boolean viaApiKey) {
    public Actor {
        permissions = Set.copyOf(permissions);
        roles = Set.copyOf(roles);
    }

    /** Whether this actor is the account {@code id}. */
    public boolean is(String id) {
        return userId != null && userId.equals(id);
    }
}
