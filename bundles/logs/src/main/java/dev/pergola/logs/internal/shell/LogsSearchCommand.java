package dev.pergola.logs.internal.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.logs.internal.service.LogCriteria;
import dev.pergola.logs.internal.service.Logs;
import dev.pergola.logs.internal.store.LogEntry;

/**
 * {@code logs:search}: what Karaf's {@code log:display} cannot do — search the stored entries of every node by request
 * id, level, logger, bundle, text and date, with stack traces on demand.
 */
@Service
@Command(scope = "logs", name = "search", description = "Searches the stored log entries (newest first).")
public class LogsSearchCommand implements Action {
    @Reference
    Logs logs;

    @Option(name = "--request-id", aliases = "-r", description = "The X-Request-ID of a request")
    String requestId;

    @Option(name = "--level", aliases = "-l", description = "Minimum level: TRACE, DEBUG, INFO, WARN, ERROR")
    String minLevel;

    @Option(name = "--logger", description = "A logger and the loggers below it")
    String logger;

    @Option(name = "--bundle", aliases = "-b", description = "Bundle symbolic name")
    String bundle;

    @Option(name = "--search", aliases = "-s", description = "Text in the message")
    String search;

    @Option(name = "--date", description = "A UTC day, e.g. 2026-11-30")
    String date;

    @Option(name = "--max", aliases = "-n", description = "Entries shown (at most 100)")
    int max = 20;

    @Option(name = "--stack-traces", aliases = "-t", description = "Print each entry's stack trace")
    boolean stackTraces;

    @Override
    public Object execute() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        put(params, "request_id", requestId);
        put(params, "min_level", minLevel);
        put(params, "logger", logger);
        put(params, "bundle", bundle);
        put(params, "search", search);
        put(params, "date", date);
        LogCriteria criteria = LogCriteria.parse(params); // an invalid option throws: the command fails
        ListQuery query = new ListQuery(1, Math.max(1, Math.min(max, ListSpec.MAX_PER_PAGE)), List.of(), List.of(),
                null, java.util.Set.of(), Logs.LIST);
        List<LogEntry> found = logs.list(query, criteria).items();
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Time");
        table.column("Level");
        table.column("Logger");
        table.column("Request");
        table.column("Message").maxSize(100);
        for (LogEntry e : found) {
            table.addRow().addContent(e.id(), e.timestamp(), e.level(), e.logger(), e.requestId(), e.message());
        }
        table.print(System.out);
        if (stackTraces) {
            found.stream().filter(LogEntry::hasStackTrace)
                    .forEach(e -> System.out.println("--- " + e.id() + "\n" + logs.get(Long.toString(e.id())).stackTrace()));
        }
        return null;
    }

    private static void put(Map<String, List<String>> params, String name, String value) {
        if (value != null) {
            params.put(name, List.of(value));
        }
    }
}
