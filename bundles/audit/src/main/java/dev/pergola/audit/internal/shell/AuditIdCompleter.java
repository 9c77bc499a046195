package dev.pergola.audit.internal.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.pergola.api.query.ListQueryParser;
import dev.pergola.audit.internal.query.AuditRecords;

/** Completes the ids of the 100 newest records (a completer must answer fast). */
@Service
public class AuditIdCompleter implements Completer {
    @Reference
    AuditRecords records;

    @Reference
    ListQueryParser parser;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        records.list(parser.parse(Map.of("per_page", List.of("100")), AuditRecords.LIST), null)
                .items().forEach(r -> ids.getStrings().add(r.id()));
        return ids.complete(session, commandLine, candidates);
    }
}
