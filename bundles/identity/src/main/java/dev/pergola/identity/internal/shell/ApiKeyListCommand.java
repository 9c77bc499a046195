package dev.pergola.identity.internal.shell;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.identity.internal.account.UserDirectory;
import dev.pergola.identity.internal.apikey.ApiKeys;
import dev.pergola.identity.internal.apikey.ApiKeyDto;

@Service
@Command(scope = "apikey", name = "list", description = "Lists API keys: owner, scopes, expiry, last use (never the secret)")
public class ApiKeyListCommand implements Action {
    @Option(name = "--user", aliases = "-u", description = "Only this account's keys")
    @Completion(UsernameCompleter.class)
    String username;

    @Option(name = "--all", aliases = "-a", description = "Include revoked and expired keys")
    boolean all;

    @Reference
    private ApiKeys keys;

    @Reference
    private UserDirectory users;


    @Override
    public Object execute() {
        Map<String, String> names = new java.util.HashMap<>();
        ShellTable table = new ShellTable();
        for (String column : new String[] {"Id", "Name", "Owner", "Scopes", "Expires", "Last used", "State"}) {
            table.column(column);
        }
        Instant now = Instant.now();
        Function<Instant, String> time = t -> t == null ? "" : t.toString();
        for (ApiKeyDto k : keys.listAll()) {
            String owner = names.computeIfAbsent(k.userId(), id -> users.usernameOf(id).orElse(id));
            String state = k.stateAt(now);
            if ((username != null && !username.equals(owner)) || (!all && !state.equals("active"))) {
                continue;
            }
            table.addRow().addContent(k.id(), k.name(), owner, String.join(",", k.scopes()), time.apply(k.expiresAt()),
                    time.apply(k.lastUsedAt()), state);
        }
        table.print(System.out);
        return null;
    }
}
