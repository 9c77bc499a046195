package dev.pergola.webhooks.internal.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.pergola.api.query.ListQueryParser;
import dev.pergola.webhooks.internal.service.Webhooks;

/** Completes the ids of the 100 newest webhooks. */
@Service
public class WebhookIdCompleter implements Completer {
    @Reference
    Webhooks webhooks;

    @Reference
    ListQueryParser parser;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        webhooks.list(parser.parse(Map.of("per_page", List.of("100")), webhooks.listSpec()))
                .items().forEach(w -> ids.getStrings().add(w.id()));
        return ids.complete(session, commandLine, candidates);
    }
}
