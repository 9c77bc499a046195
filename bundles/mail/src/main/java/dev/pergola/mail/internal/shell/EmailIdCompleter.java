package dev.pergola.mail.internal.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.pergola.api.query.ListQueryParser;
import dev.pergola.mail.internal.service.EmailQueue;

/** Completes the ids of the 100 newest queued messages. */
@Service
public class EmailIdCompleter implements Completer {
    @Reference
    EmailQueue queue;

    @Reference
    ListQueryParser parser;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        queue.list(parser.parse(Map.of("per_page", List.of("100")), queue.spec()))
                .items().forEach(e -> ids.getStrings().add(e.id()));
        return ids.complete(session, commandLine, candidates);
    }
}
