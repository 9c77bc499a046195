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
import dev.pergola.identity.internal.rbac.RoleDirectory;

/** Completes role names. */
@Service
public class RoleNameCompleter implements Completer {
    @Reference
    private RoleDirectory roles;

    @Reference
    private ListQueryParser parser;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        roles.list(parser.parse(Map.of("per_page", List.of("100"), "sort", List.of("name")), RoleCommands.LIST))
                .items().forEach(r -> names.getStrings().add(r.name()));
        return names.complete(session, commandLine, candidates);
    }
}
