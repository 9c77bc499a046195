package dev.pergola.sample.notes.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.pergola.api.query.ListQueryParser;
import dev.pergola.sample.notes.service.Notes;

/** Completes the ids of the 100 newest notes (a completer must answer fast, so it never lists everything). */
@Service
public class NoteIdCompleter implements Completer {
    @Reference
    Notes notes;

    @Reference
    ListQueryParser parser;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        notes.list(parser.parse(Map.of("per_page", List.of("100")), notes.listSpec()))
                .items().forEach(n -> ids.getStrings().add(n.id()));
        return ids.complete(session, commandLine, candidates);
    }
}
