package dev.pergola.identity.internal.shell;

import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "role", name = "revoke", description = "Stops a role granting permissions")
public class RoleRevokeCommand extends RolePermissionsCommand {
    @Override
    void change(Set<String> granted, List<String> named) {
        granted.removeAll(named);
    }
}
