package dev.pergola.alerts.internal.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.pergola.alerts.internal.eval.AlertStatus;
import dev.pergola.alerts.internal.service.Alerts;
import dev.pergola.alerts.internal.store.AlertStore;
import dev.pergola.api.query.ListQueryParser;

/** Completes the ids of the 100 newest triggered alerts. */
@Service
public class OpenAlertIdCompleter implements Completer {
    @Reference
    Alerts alerts;

    @Reference
    ListQueryParser parser;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        alerts.alerts(parser.parse(Map.of("per_page", List.of("100")), AlertStore.LIST), null, AlertStatus.TRIGGERED)
                .items().forEach(a -> ids.getStrings().add(a.id()));
        return ids.complete(session, commandLine, candidates);
    }
}
