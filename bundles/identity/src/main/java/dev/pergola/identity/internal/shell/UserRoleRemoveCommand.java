package dev.pergola.identity.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.identity.internal.rbac.Actor;
import dev.pergola.identity.internal.account.UserDto;

@Service
@Command(scope = "user", name = "role-remove", description = "Takes a role away from an account (the last admin keeps it)")
public class UserRoleRemoveCommand extends UserRoleCommand {
    @Override
    UserDto change(Actor operator, String userId, String roleId) {
        return users.removeRole(operator, userId, roleId);
    }
}
