package dev.pergola.identity.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.identity.internal.rbac.Actor;
import dev.pergola.identity.internal.account.UserDto;

@Service
@Command(scope = "user", name = "role-add", description = "Gives an account a role")
public class UserRoleAddCommand extends UserRoleCommand {
    @Override
    UserDto change(Actor operator, String userId, String roleId) {
        return users.assignRole(operator, userId, roleId);
    }
}
