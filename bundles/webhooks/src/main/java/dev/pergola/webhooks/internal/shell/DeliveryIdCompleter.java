package dev.pergola.webhooks.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.pergola.webhooks.internal.service.Webhooks;

/** Completes the ids of the 100 newest deliveries, all subscriptions together. */
@Service
public class DeliveryIdCompleter implements Completer {
    @Reference
    Webhooks webhooks;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        ids.getStrings().addAll(webhooks.recentDeliveryIds(100));
        return ids.complete(session, commandLine, candidates);
    }
}
