package dev.pergola.audit.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.audit.internal.query.AuditRecordView;
import dev.pergola.audit.internal.query.AuditRecords;

/** {@code audit:show <id>}: one record with its changed fields; an unknown id fails (RESOURCE_NOT_FOUND). */
@Service
@Command(scope = "audit", name = "show", description = "Shows one audit record and what it changed")
public class AuditShowCommand implements Action {
    @Argument(index = 0, name = "id", required = true, description = "The record's id, evt_… (Tab completes)")
    @Completion(AuditIdCompleter.class)
    String id;

    @Reference
    AuditRecords records;

    @Override
    public Object execute() {
        AuditRecordView r = records.get(id);
        line("Id", r.id());
        line("Seq", r.seq() == null ? "(not sealed yet)" : r.seq());
        line("Time", r.occurredAt());
        line("Action", r.action());
        line("Outcome", r.outcome());
        line("Actor", r.actor().type() + " " + r.actor().id() + (r.actor().name() == null ? "" : " (" + r.actor().name() + ")"));
        line("Channel", r.channel());
        if (r.target() != null) {
            line("Target", r.target().type() + " " + r.target().id()
                    + (r.target().name() == null ? "" : " (" + r.target().name() + ")"));
        }
        line("Client", r.clientAddress());
        line("User agent", r.userAgent());
        line("Request", r.requestId());
        if (r.changes() != null) {
            for (AuditRecordView.Change c : r.changes()) {
                line("  " + c.field(), c.before() + " -> " + c.after());
            }
        }
        if (r.details() != null) {
            line("Details", r.details());
        }
        line("Hash", r.hash());
        return null;
    }

    private static void line(String label, Object value) {
        if (value != null) {
            System.out.printf("%-12s %s%n", label, value);
        }
    }
}
