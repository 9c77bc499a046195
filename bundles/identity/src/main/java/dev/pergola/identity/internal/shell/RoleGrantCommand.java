package dev.pergola.identity.internal.shell;

import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.api.rest.ApiException;
import dev.pergola.identity.internal.rbac.RoleDirectory;
import dev.pergola.identity.internal.store.RoleEntity;

@Service
@Command(scope = "role", name = "grant", description = "Lets a role grant more permissions")
public class RoleGrantCommand implements Action {
    @Argument(index = 0, name = "role", required = true, description = "The role")
    @Completion(RoleNameCompleter.class)
    String role;

    @Argument(index = 1, name = "permissions", required = true, multiValued = true, description = "Permission names")
    @Completion(PermissionNameCompleter.class)
    List<String> permissions;

    @Reference
    private RoleDirectory roles;

    @Override
    public Object execute() {
        try {
            RoleEntity entity = roles.byName(role);
            Set<String> granted = RoleCommands.permissionsOf(entity);
            granted.addAll(permissions);
            RoleCommands.setPermissions(roles, entity, granted);
        } catch (ApiException e) {
            System.out.println(UserCommands.describe(e));
        }
        return null;
    }
}
