package dev.pergola.identity.internal.shell;

import java.util.TreeSet;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.account.UserDirectory;
import dev.pergola.identity.internal.rbac.Actor;
import dev.pergola.identity.internal.rbac.Actors;
import dev.pergola.identity.internal.rbac.RoleDirectory;
import dev.pergola.identity.internal.account.UserDto;

/** user:role-add and user:role-remove: the same arguments and report, a different change. */
abstract class UserRoleCommand implements Action {
    @Argument(index = 0, name = "username", required = true, description = "The account")
    @Completion(UsernameCompleter.class)
    String username;

    @Argument(index = 1, name = "role", required = true, description = "The role")
    @Completion(RoleNameCompleter.class)
    String role;

    @Reference
    UserDirectory users;

    @Reference
    private RoleDirectory roles;


    @Reference
    private Actors actors;

    abstract UserDto change(Actor operator, String userId, String roleId);

    @Override
    public Object execute() {
        try {
            UserDto user = change(actors.operator(), users.byUsername(username).id(),
                    roles.byName(role).id());
            System.out.println(user.username() + " roles: " + String.join(", ",
                    user.roles()));
        } catch (PergolaException e) {
            throw UserCommands.failure("Roles of " + username + " unchanged", e);
        }
        return null;
    }
}
