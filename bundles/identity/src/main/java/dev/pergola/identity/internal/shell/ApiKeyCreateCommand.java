package dev.pergola.identity.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.account.UserDirectory;
import dev.pergola.identity.internal.apikey.ApiKeys;
import dev.pergola.identity.internal.rbac.Actors;

@Service
@Command(scope = "apikey", name = "create", description = "Creates an API key for an account; the secret is shown once")
public class ApiKeyCreateCommand implements Action {
    @Argument(index = 0, name = "username", required = true, description = "The account the key acts as")
    @Completion(UsernameCompleter.class)
    String username;

    @Argument(index = 1, name = "name", required = true, description = "What the key is for, e.g. ci-deploy")
    String name;

    @Option(name = "--scope", aliases = "-s", multiValued = true, required = true,
            description = "A permission the key may use (repeatable; the owner must hold it)")
    @Completion(PermissionNameCompleter.class)
    List<String> scopes;

    @Option(name = "--days", description = "Lifetime in days (default 90, at most 366)")
    Integer days;

    @Reference
    private ApiKeys keys;

    @Reference
    private UserDirectory users;


    @Reference
    private Actors actors;

    @Override
    public Object execute() {
        try {
            String userId = users.byUsername(username).id();
            Instant expiry = days == null ? null : Instant.now().plus(Duration.ofDays(days));
            ApiKeys.Created created = keys.create(actors.operator(), userId, name, scopes, expiry);
            System.out.println("Key " + created.key().id() + " expires " + created.key().expiresAt());
            System.out.println("Secret (shown only now): " + created.secret());
        } catch (PergolaException e) {
            throw UserCommands.failure("No key created", e);
        }
        return null;
    }
}
