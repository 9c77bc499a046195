package dev.pergola.identity.internal.rbac;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.pergola.api.errors.PergolaException;

/**
 * The grantor rule, in one place: nobody grants, assigns or edits what they do not hold. The account and role
 * services call it for REST, the shell and API keys alike; each check throws 403 PERMISSION_DENIED naming the
 * permissions the actor lacks ({@code missing_permissions}) and the offending field in {@code details}.
 * <ul>
 * <li>A role may be given to an account only by an actor who holds everything it grants; the {@code admin}
 * role grants every permission, so only an administrator assigns it.</li>
 * <li>A role may be created, edited or deleted only by an actor who holds every permission it grants before and
 * after the change; and nobody adds permissions to a role they hold themselves (no self-escalation), except an
 * administrator, who cannot gain anything.</li>
 * <li>An account may be edited (email, password, names, status, roles, deletion) only by an actor who holds every
 * permission the account holds, so a user manager cannot take over an administrator by changing its email; an
 * API key never edits the account it acts for.</li>
 * </ul>
 */
public final class GrantPolicy {
    private GrantPolicy() {
    }

    /** Giving the role {@code role}, which grants {@code grants}, to an account. */
    public static void assignRole(Actor actor, String role, Set<String> grants) {
        requireHeld(actor, grants, "roles", "The role '" + role + "' grants permissions you do not hold; you cannot assign it.");
    }

    /** Granting {@code permissions} directly (API key scopes made for someone, the permissions of a new role). */
    public static void grant(Actor actor, Collection<String> permissions, String field) {
        requireHeld(actor, permissions, field, "You cannot grant permissions you do not hold.");
    }

    /**
     * Creating, editing or deleting the role {@code role}: {@code before} is what it grants now (empty for a new
     * role), {@code after} what it will grant (equal to {@code before} for a description change or a deletion).
     */
    public static void editRole(Actor actor, String role, Set<String> before, Set<String> after) {
        requireHeld(actor, before, "permissions",
                "The role '" + role + "' grants permissions you do not hold; you cannot change it.");
        requireHeld(actor, after, "permissions", "You cannot grant permissions you do not hold.");
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        if (!added.isEmpty() && actor.roles().contains(role) && !actor.holdsEverything()) {
            throw denied("You hold the role '" + role + "' yourself; another administrator must add permissions to it.",
                    "permissions", added);
        }
    }

    /**
     * Changing or removing the account {@code targetId} (called {@code target}), which holds {@code targetHolds}.
     * An API key never changes its own owner's account: that needs the owner, signed in.
     */
    public static void editAccount(Actor actor, String targetId, String target, Set<String> targetHolds) {
        if (actor.viaApiKey() && actor.is(targetId)) {
            throw new PergolaException(PergolaException.PERMISSION_DENIED,
                    "An API key cannot change the account it acts for; sign in as that user.");
        }
        requireHeld(actor, targetHolds, "id",
                "The account '" + target + "' holds permissions you do not hold; you cannot change it.");
    }

    private static void requireHeld(Actor actor, Collection<String> wanted, String field, String message) {
        if (actor.holdsEverything()) {
            return;
        }
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(actor.permissions());
        if (!missing.isEmpty()) {
            throw denied(message, field, missing);
        }
    }

    private static PergolaException denied(String message, String field, Set<String> permissions) {
        List<String> names = List.copyOf(permissions);
        return new PergolaException(PergolaException.PERMISSION_DENIED, message,
                Map.of(field, List.of("beyond your permissions: " + String.join(", ", names))),
                Map.of("required_permission", names.get(0), "missing_permissions", names));
    }
}
