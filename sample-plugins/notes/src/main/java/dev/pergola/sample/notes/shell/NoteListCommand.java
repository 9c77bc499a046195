package dev.pergola.sample.notes.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.PageResult;
import dev.pergola.sample.notes.NoteDto;
import dev.pergola.sample.notes.service.Notes;

/** {@code notes:list [--search text] [--sort -created_at] [--page n]}: the same list language as REST. */
@Service
@Command(scope = "notes", name = "list", description = "Lists notes, newest first")
public class NoteListCommand implements Action {
    @Option(name = "--search", aliases = "-s", description = "Only notes whose title or body contains this text")
    String search;

    @Option(name = "--sort", description = "Sort like the REST API, e.g. title or -created_at")
    String sort;

    @Option(name = "--page", aliases = "-p", description = "Page number (20 notes a page)")
    String page;

    @Reference
    Notes notes;

    @Reference
    ListQueryParser parser;

    @Override
    public Object execute() {
        Map<String, List<String>> params = new HashMap<>();
        put(params, "search", search);
        put(params, "sort", sort);
        put(params, "page", page);
        // a bad --sort or --page throws the parser's VALIDATION_ERROR: the command fails, bin/client exits non-zero
        PageResult<NoteDto> result = notes.list(parser.parse(params, notes.listSpec()));
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Title");
        table.column("Author");
        table.column("Created");
        result.items().forEach(n -> table.addRow().addContent(n.id(), n.title(), n.author(), n.createdAt()));
        table.print(System.out);
        System.out.println("page " + result.page() + " of " + result.meta().totalPages + ", " + result.total() + " note(s)");
        return null;
    }

    private static void put(Map<String, List<String>> params, String name, String value) {
        if (value != null) {
            params.put(name, List.of(value));
        }
    }
}
