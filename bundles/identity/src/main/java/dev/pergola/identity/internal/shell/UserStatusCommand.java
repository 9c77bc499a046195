package dev.pergola.identity.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.account.UserDirectory;
import dev.pergola.identity.internal.rbac.Actors;

@Service
@Command(scope = "user", name = "status", description = "Activates or deactivates an account (deactivating ends its sessions)")
public class UserStatusCommand implements Action {
    @Argument(index = 0, name = "username", required = true, description = "The account")
    @Completion(UsernameCompleter.class)
    String username;

    @Option(name = "--deactivate", aliases = "-d", description = "Deactivate instead of activate")
    boolean deactivate;

    @Reference
    private UserDirectory users;


    @Reference
    private Actors actors;

    @Override
    public Object execute() {
        try {
            String id = users.byUsername(username).id();
            users.setActive(actors.operator(), id, !deactivate);
            System.out.println(username + (deactivate ? " deactivated" : " activated"));
        } catch (PergolaException e) {
            throw UserCommands.failure(username + " unchanged", e);
        }
        return null;
    }
}
