package dev.pergola.identity.internal.rbac;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Set;

import org.junit.Test;

import dev.pergola.api.errors.PergolaException;

public class GrantPolicyTest {
    private static final Set<String> USER_MANAGER = Set.of("admin.users.manage", "admin.users.view");
    private static final Set<String> EVERYTHING = Set.of("admin.users.manage", "admin.users.view", "admin.roles.manage",
            "admin.plugins.manage", "admin.shell");

    private static Actor actor(Set<String> permissions, Set<String> roles) {
        return new Actor("u1", "mallory", permissions, roles, permissions.containsAll(EVERYTHING), false);
    }

    private static PergolaException denied(Runnable change) {
        PergolaException e = assertThrows(PergolaException.class, change::run);
        assertEquals("PERMISSION_DENIED", e.code());
        return e;
    }

    @Test
    public void aUserManagerCannotAssignTheAdminRole() {
        PergolaException e = denied(() -> GrantPolicy.assignRole(actor(USER_MANAGER, Set.of("managers")), "admin", EVERYTHING));
        assertEquals(List.of("admin.plugins.manage", "admin.roles.manage", "admin.shell"), e.attributes().get("missing_permissions"));
        assertEquals("admin.plugins.manage", e.attributes().get("required_permission"));
        assertEquals(Set.of("roles"), e.details().keySet());
    }

    @Test
    public void aRoleWithinWhatTheActorHoldsCanBeAssigned() {
        GrantPolicy.assignRole(actor(USER_MANAGER, Set.of()), "viewers", Set.of("admin.users.view"));
        GrantPolicy.assignRole(actor(USER_MANAGER, Set.of()), "user", Set.of());
    }

    @Test
    public void anAdministratorAssignsAnything() {
        GrantPolicy.assignRole(actor(EVERYTHING, Set.of("admin")), "admin", EVERYTHING);
    }

    @Test
    public void aRoleManagerCannotAddWhatTheyLackNorEditARoleBeyondThem() {
        Actor roleManager = actor(Set.of("admin.roles.manage", "admin.roles.view"), Set.of("role-managers"));
        denied(() -> GrantPolicy.editRole(roleManager, "editors", Set.of(), Set.of("admin.plugins.manage")));
        denied(() -> GrantPolicy.editRole(roleManager, "ops", Set.of("admin.plugins.manage"), Set.of()));
        GrantPolicy.editRole(roleManager, "viewers", Set.of(), Set.of("admin.roles.view"));
    }

    @Test
    public void nobodyAddsPermissionsToARoleTheyHoldButAnAdministrator() {
        Actor roleManager = actor(Set.of("admin.roles.manage", "admin.roles.view"), Set.of("role-managers"));
        PergolaException e = denied(() -> GrantPolicy.editRole(roleManager, "role-managers", Set.of("admin.roles.manage"),
                Set.of("admin.roles.manage", "admin.roles.view")));
        assertEquals(List.of("admin.roles.view"), e.attributes().get("missing_permissions"));
        // taking permissions away from one's own role is no escalation
        GrantPolicy.editRole(roleManager, "role-managers", Set.of("admin.roles.manage", "admin.roles.view"),
                Set.of("admin.roles.manage"));
        GrantPolicy.editRole(actor(EVERYTHING, Set.of("admin", "user")), "user", Set.of(), Set.of("admin.users.view"));
    }

    @Test
    public void aUserManagerCannotEditAnAccountThatHoldsMore() {
        denied(() -> GrantPolicy.editAccount(actor(USER_MANAGER, Set.of()), "admin-id", "admin", EVERYTHING));
        GrantPolicy.editAccount(actor(USER_MANAGER, Set.of()), "plain-id", "plain", Set.of());
        GrantPolicy.editAccount(actor(USER_MANAGER, Set.of()), "peer-id", "peer", USER_MANAGER);
    }

    @Test
    public void anApiKeyActsWithinItsScopesAndNeverOnItsOwner() {
        Actor key = new Actor("owner", "owner (API key)", Set.of("admin.users.manage"), Set.of("admin"), false, true);
        denied(() -> GrantPolicy.assignRole(key, "admin", EVERYTHING));
        denied(() -> GrantPolicy.editAccount(key, "peer-id", "peer", USER_MANAGER));
        denied(() -> GrantPolicy.editAccount(key, "owner", "owner", Set.of()));
        Actor fullKey = new Actor("owner", "owner (API key)", EVERYTHING, Set.of("admin"), true, true);
        denied(() -> GrantPolicy.editAccount(fullKey, "owner", "owner", EVERYTHING));
        GrantPolicy.editAccount(fullKey, "other", "other", EVERYTHING);
    }

    @Test
    public void grantingScopesNeedsHoldingThem() {
        PergolaException e = denied(() -> GrantPolicy.grant(actor(USER_MANAGER, Set.of()), List.of("admin.shell"), "scopes"));
        assertEquals(Set.of("scopes"), e.details().keySet());
        GrantPolicy.grant(actor(USER_MANAGER, Set.of()), List.of("admin.users.view"), "scopes");
    }
}
