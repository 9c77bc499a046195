package dev.pergola.identity.internal.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.pergola.api.query.ListQueryParser;
import dev.pergola.identity.internal.account.UserDirectory;

/** Completes usernames (the first 100 by name). */
@Service
public class UsernameCompleter implements Completer {
    @Reference
    private UserDirectory users;

    @Reference
    private ListQueryParser parser;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        users.list(parser.parse(Map.of("per_page", List.of("100"), "sort", List.of("username")), UserCommands.LIST), false)
                .items().forEach(u -> names.getStrings().add(u.username()));
        return names.complete(session, commandLine, candidates);
    }
}
