package dev.pergola.identity.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.account.AccountMails;
import dev.pergola.identity.internal.account.UserDirectory;
import dev.pergola.identity.internal.rbac.Actor;
import dev.pergola.identity.internal.rbac.Actors;
import dev.pergola.identity.internal.account.UserDto;

@Service
@Command(scope = "user", name = "add", description = "Creates a Pergola user account (role 'user' unless --role is given)")
public class UserAddCommand implements Action {
    @Argument(index = 0, name = "username", required = true, description = "3 to 64 letters, digits, '.', '_' or '-'")
    String username;

    @Argument(index = 1, name = "email", required = true, description = "The account's email address")
    String email;

    @Option(name = "--password", aliases = "-p", description = "The password; asked for when omitted")
    String password;

    @Option(name = "--role", aliases = "-r", multiValued = true, description = "A role to grant (repeatable)")
    List<String> roles;

    @Option(name = "--no-welcome", description = "Do not send the welcome mail")
    boolean noWelcome;

    @Reference
    private UserDirectory users;

    @Reference
    private AccountMails mails;

    @Reference
    private Session session;

    @Reference
    private Actors actors;

    @Override
    public Object execute() throws Exception {
        String secret = password != null ? password : session.readLine("Password: ", '*');
        try {
            Actor operator = actors.operator();
            UserDto created = users.create(operator, username, email, secret, null, roles);
            System.out.println("Created " + created.username() + " (" + created.id() + ")");
            if (!noWelcome) {
                mails.welcome(created, operator.name(), null);
            }
        } catch (PergolaException e) {
            throw UserCommands.failure("Not created", e);
        }
        return null;
    }
}
