package dev.pergola.identity.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.rest.ApiException;
import dev.pergola.identity.internal.account.UserDirectory;

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
    private ListQueryParser parser;

    @Reference
    private Session session;

    @Override
    public Object execute() throws Exception {
        try {
            String id = UserCommands.byName(users, parser, username).id;
            String password = session.readLine("New password: ", '*');
            String again = session.readLine("Again: ", '*');
            if (password == null || !password.equals(again)) {
                System.out.println("The two entries differ; nothing changed.");
                return null;
            }
            users.setPassword(id, password);
            System.out.println("Password of " + username + " set; its sessions have ended.");
        } catch (ApiException e) {
            System.out.println(UserCommands.describe(e));
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
        }
        return null;
    }
}
