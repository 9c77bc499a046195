package dev.pergola.identity.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.rbac.Actors;
import dev.pergola.identity.internal.rbac.RoleDirectory;
import dev.pergola.identity.internal.rbac.RoleDto;

@Service
@Command(scope = "role", name = "add", description = "Creates a role granting the given permissions")
public class RoleAddCommand implements Action {
    @Argument(index = 0, name = "name", required = true, description = "Role name, e.g. editor")
    String name;

    @Argument(index = 1, name = "permissions", multiValued = true, description = "Permissions the role grants")
    @Completion(PermissionNameCompleter.class)
    List<String> permissions;

    @Option(name = "--description", aliases = "-d", description = "What the role is for")
    String description;

    @Reference
    private RoleDirectory roles;

    @Reference
    private Actors actors;

    @Override
    public Object execute() {
        try {
            RoleDto role = roles.create(actors.operator(), name, description,
                    permissions == null ? List.of() : permissions);
            System.out.println("Role " + role.name() + " created: " + String.join(", ", RoleCommands.permissionsOf(role)));
        } catch (PergolaException e) {
            throw UserCommands.failure("Role " + name + " not created", e);
        }
        return null;
    }
}
