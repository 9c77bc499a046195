package dev.pergola.identity.internal.shell;

import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.rbac.Actors;
import dev.pergola.identity.internal.rbac.RoleDirectory;
import dev.pergola.identity.internal.rbac.RoleDto;

/** role:grant and role:revoke: the same arguments, a different change to the role's permissions. */
abstract class RolePermissionsCommand implements Action {
    @Argument(index = 0, name = "role", required = true, description = "The role")
    @Completion(RoleNameCompleter.class)
    String role;

    @Argument(index = 1, name = "permissions", required = true, multiValued = true, description = "Permission names")
    @Completion(PermissionNameCompleter.class)
    List<String> permissions;

    @Reference
    private RoleDirectory roles;

    @Reference
    private Actors actors;

    abstract void change(Set<String> granted, List<String> named);

    @Override
    public Object execute() {
        try {
            RoleDto current = roles.byName(role);
            Set<String> granted = RoleCommands.permissionsOf(current);
            change(granted, permissions);
            RoleCommands.setPermissions(roles, actors.operator(), current, granted);
        } catch (PergolaException e) {
            throw UserCommands.failure("Role " + role + " unchanged", e);
        }
        return null;
    }
}
