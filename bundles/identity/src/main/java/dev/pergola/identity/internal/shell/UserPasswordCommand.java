package dev.pergola.identity.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.account.UserDirectory;
import dev.pergola.identity.internal.rbac.Actors;

/** Sets a password typed twice at a masked prompt, so it never lands in the shell history. */
@Service
@Command(scope = "user", name = "password", description = "Sets an account's password (its sessions end)")
public class UserPasswordCommand implements Action {
    @Argument(index = 0, name = "username", required = true, description = "The account")
    @Completion(UsernameCompleter.class)
    String username;

    @Reference
    private UserDirectory users;


    @Reference
    private Session session;

    @Reference
    private Actors actors;

    @Override
    public Object execute() throws Exception {
        try {
            String id = users.byUsername(username).id();
            String password = session.readLine("New password: ", '*');
            String again = session.readLine("Again: ", '*');
            if (password == null || !password.equals(again)) {
                throw new IllegalArgumentException("The two entries differ; nothing changed.");
            }
            users.setPassword(actors.operator(), id, password);
            System.out.println("Password of " + username + " set; its sessions have ended.");
        } catch (PergolaException e) {
            throw UserCommands.failure("Password of " + username + " unchanged", e);
        }
        return null;
    }
}
