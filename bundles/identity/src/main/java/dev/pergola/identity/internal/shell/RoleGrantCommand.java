package dev.pergola.identity.internal.shell;

import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "role", name = "grant", description = "Lets a role grant more permissions")
public class RoleGrantCommand extends RolePermissionsCommand {
    @Override
    void change(Set<String> granted, List<String> named) {
        granted.addAll(named);
    }
}
