package dev.pergola.audit.internal.shell;

import java.util.Map;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.PageResult;
import dev.pergola.audit.internal.query.AuditQuery;
import dev.pergola.audit.internal.query.AuditRecordView;
import dev.pergola.audit.internal.query.AuditRecords;

/** {@code audit:list [--user id] [--action user.*] [--from 2026-01-01] … [--page n]}: the REST list, as a table. */
@Service
@Command(scope = "audit", name = "list", description = "Lists audit records, newest first")
public class AuditListCommand extends AuditFilterOptions implements Action {
    @Option(name = "--sort", description = "Sort like the REST API, e.g. seq or -occurred_at")
    String sort;

    @Option(name = "--page", aliases = "-p", description = "Page number")
    String page;

    @Option(name = "--per-page", description = "Records a page (at most 100)")
    String perPage;

    @Reference
    AuditRecords records;

    @Reference
    ListQueryParser parser;

    @Override
    public Object execute() {
        Map<String, List<String>> params = params();
        put(params, "sort", sort);
        put(params, "page", page);
        put(params, "per_page", perPage);
        // a bad option value throws the parser's VALIDATION_ERROR: the command fails, bin/client exits non-zero
        AuditQuery q = AuditQuery.parse(parser, params);
        PageResult<AuditRecordView> result = records.list(q.query(), q.actionPrefix());
        ShellTable table = new ShellTable();
        for (String column : List.of("Seq", "Time", "Action", "Outcome", "Actor", "Channel", "Target", "Id")) {
            table.column(column);
        }
        for (AuditRecordView r : result.items()) {
            AuditRecordView.Target t = r.target();
            table.addRow().addContent(r.seq() == null ? "-" : r.seq(), r.occurredAt(), r.action(), r.outcome(),
                    r.actor().name() == null ? r.actor().id() : r.actor().name(), r.channel(),
                    t == null ? "" : t.type() + " " + (t.name() == null ? t.id() : t.name()), r.id());
        }
        table.print(System.out);
        System.out.println("page " + result.page() + " of " + result.meta().totalPages + ", " + result.total()
                + " record(s)");
        return null;
    }
}
