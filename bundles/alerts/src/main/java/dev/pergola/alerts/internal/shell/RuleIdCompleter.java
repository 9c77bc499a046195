package dev.pergola.alerts.internal.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.pergola.alerts.internal.service.Alerts;
import dev.pergola.alerts.internal.store.RuleStore;
import dev.pergola.api.query.ListQueryParser;

/** Completes the ids of the first 100 alert rules by name. */
@Service
public class RuleIdCompleter implements Completer {
    @Reference
    Alerts alerts;

    @Reference
    ListQueryParser parser;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        alerts.rules(parser.parse(Map.of("per_page", List.of("100")), RuleStore.LIST))
                .items().forEach(r -> ids.getStrings().add(r.id()));
        return ids.complete(session, commandLine, candidates);
    }
}
