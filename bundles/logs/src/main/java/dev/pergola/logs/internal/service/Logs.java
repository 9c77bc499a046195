package dev.pergola.logs.internal.service;

import java.time.Instant;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.logs.internal.store.LogEntry;
import dev.pergola.logs.internal.store.LogStore;
import dev.pergola.api.query.SqlListQuery;

/** What REST and the shell do with stored log entries: search, read one, stream a download, clear (audited). */
@Component(service = Logs.class)
public class Logs {
    /** {@code GET /api/v1/logs}: attributes are column names. */
    public static final ListSpec LIST = ListSpec.builder()
            .field("id", "id", FieldType.LONG).sortable().filterable()
            .field("timestamp", "logged_at", FieldType.TIMESTAMP).sortable().filterable()
            .field("level", "level", FieldType.STRING).sortable().filterable()
            .field("logger", "logger", FieldType.STRING).sortable().filterable().searchable()
            .field("bundle", "bundle", FieldType.STRING).sortable().filterable().searchable()
            .field("thread", "thread", FieldType.STRING).filterable()
            .field("message", "message", FieldType.STRING).filterable().searchable()
            .field("request_id", "request_id", FieldType.STRING).filterable()
            .defaultSort("-timestamp")
            .build();
    /** A download stops here; narrow the filters for more. */
    public static final int DOWNLOAD_MAX = 100_000;

    private final LogStore store;
    private final AuditTrail audit;

    @Activate
    public Logs(@Reference LogStore store, @Reference AuditTrail audit) {
        this.store = store;
        this.audit = audit;
    }

    /** The list language's {@code search} covers message, logger and bundle, so criteria skip their own search. */
    public PageResult<LogEntry> list(ListQuery query, LogCriteria criteria) {
        return store.list(query, criteria.applyTo(new SqlListQuery(query), query.search() == null));
    }

    public LogEntry get(String id) {
        long key;
        try {
            key = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw PergolaException.notFound("No such log entry");
        }
        return store.find(key).orElseThrow(() -> PergolaException.notFound("No such log entry"));
    }

    public void each(ListQuery query, LogCriteria criteria, Consumer<LogEntry> each) {
        store.each(criteria.applyTo(new SqlListQuery(query), query.search() == null), DOWNLOAD_MAX, each);
    }

    /** Deletes what was logged before {@code olderThan}, with its {@code logs.cleared} record. @return how many */
    public int clear(Instant olderThan) {
        if (olderThan == null) {
            throw PergolaException.invalid("older_than", "an ISO-8601 instant or date: entries before it are deleted");
        }
        return store.deleteOlderThan(olderThan, (tx, n) -> audit.record(tx, AuditEntry.of(EventTypes.LOGS_CLEARED)
                .withTarget("logs", null).withDetail("older_than", olderThan.toString()).withDetail("deleted_count", n)));
    }
}
