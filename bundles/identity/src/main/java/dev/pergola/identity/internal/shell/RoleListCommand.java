package dev.pergola.identity.internal.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.api.query.ListQueryParser;
import dev.pergola.identity.internal.rbac.RoleDirectory;
import dev.pergola.identity.internal.rbac.RoleDto;

@Service
@Command(scope = "role", name = "list", description = "Lists roles and the permissions they grant")
public class RoleListCommand implements Action {
    

    @Reference
    private RoleDirectory roles;

    @Reference
    private ListQueryParser parser;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Role");
        table.column("System");
        table.column("Permissions");
        for (RoleDto r : roles.list(parser.parse(Map.of("per_page", List.of("100"), "sort", List.of("name")), RoleCommands.LIST)).items()) {
            String permissions = r.name().equals("admin") ? "(all)"
                    : String.join(", ", r.permissions());
            table.addRow().addContent(r.name(), r.system() ? "yes" : "", permissions);
        }
        table.print(System.out);
        return null;
    }
}
