package dev.pergola.identity.internal.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import org.apache.karaf.shell.support.MultiException;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.rbac.Actor;
import dev.pergola.identity.internal.rbac.Actors;
import dev.pergola.identity.internal.rbac.RoleDirectory;

@Service
@Command(scope = "role", name = "delete", description = "Deletes roles (system roles cannot be deleted)")
public class RoleDeleteCommand implements Action {
    @Argument(index = 0, name = "names", required = true, multiValued = true, description = "Roles to delete")
    @Completion(RoleNameCompleter.class)
    List<String> names;

    @Reference
    private RoleDirectory roles;

    @Reference
    private Actors actors;

    @Override
    public Object execute() throws MultiException {
        Actor operator = actors.operator();
        List<Exception> failures = new ArrayList<>();
        for (String name : names) {
            try {
                roles.delete(operator, roles.byName(name).id());
                System.out.println("Role " + name + " deleted");
            } catch (PergolaException e) {
                failures.add(new IllegalStateException(name + ": " + UserCommands.describe(e), e));
            }
        }
        MultiException.throwIf("Not deleted", failures); // bin/client exits non-zero
        return null;
    }
}
