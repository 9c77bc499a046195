package dev.pergola.logs.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.JdbcTransactions;
import dev.pergola.api.persistence.MigratedSchema;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.query.SqlListQuery;
import dev.pergola.logs.internal.capture.CapturedEvent;

/** The one owner of {@code pergola_log_entries}: batched inserts, reads, streamed reads and deletions. */
@Component(service = LogStore.class)
public class LogStore {
    private static final String COLUMNS = "id, logged_at, level, logger, bundle, thread, message, request_id,"
            + " stack_trace";
    /** Rows a streamed read fetches per round trip (PostgreSQL uses a cursor inside the transaction). */
    private static final int FETCH_SIZE = 500;

    private final DataSource dataSource;

    @Activate
    public LogStore(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.logs)") MigratedSchema schema) {
        this(dataSource);
    }

    public LogStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes {@code events} in one batch. @return them as stored, with their ids, in the same order */
    public List<LogEntry> insert(List<CapturedEvent> events) {
        return JdbcTransactions.run(dataSource, "log store", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO pergola_log_entries (logged_at, level,"
                    + " level_value, logger, bundle, thread, message, stack_trace, request_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                for (CapturedEvent e : events) {
                    s.setTimestamp(1, Timestamp.from(e.loggedAt()));
                    s.setString(2, e.level().name());
                    s.setInt(3, e.level().value());
                    s.setString(4, e.logger());
                    s.setString(5, e.bundle());
                    s.setString(6, e.thread());
                    s.setString(7, e.message());
                    s.setString(8, e.stackTrace());
                    s.setString(9, e.requestId());
                    s.addBatch();
                }
                s.executeBatch();
                List<LogEntry> stored = new ArrayList<>(events.size());
                try (ResultSet keys = s.getGeneratedKeys()) {
                    for (CapturedEvent e : events) {
                        long id = keys.next() ? keys.getLong(1) : 0;
                        stored.add(new LogEntry(id, e.loggedAt(), e.level().name(), e.logger(), e.bundle(),
                                e.thread(), e.message(), e.requestId(), e.stackTrace() != null, e.stackTrace()));
                    }
                }
                return stored;
            }
        });
    }

    public PageResult<LogEntry> list(ListQuery query, SqlListQuery where) {
        return JdbcTransactions.run(dataSource, "log store", c -> {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pergola_log_entries" + where.where())) {
                where.bind(s);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    total = r.getLong(1);
                }
            }
            List<LogEntry> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM pergola_log_entries"
                    + where.where() + where.orderBy("id DESC", "logged_at DESC, id DESC") + " LIMIT ? OFFSET ?")) {
                int i = where.bind(s);
                s.setInt(i++, query.perPage());
                s.setInt(i, query.offset());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        items.add(entry(r).withoutStackTrace());
                    }
                }
            }
            return new PageResult<>(items, query.page(), query.perPage(), total);
        });
    }

    public Optional<LogEntry> find(long id) {
        return JdbcTransactions.run(dataSource, "log store", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM pergola_log_entries WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(entry(r)) : Optional.<LogEntry>empty();
                }
            }
        });
    }

    /** Hands every matching entry (with its stack trace) to {@code each}, at most {@code limit}, reading in pages. */
    public void each(SqlListQuery where, int limit, Consumer<LogEntry> each) {
        JdbcTransactions.run(dataSource, "log store", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM pergola_log_entries"
                    + where.where() + where.orderBy("id DESC", "logged_at DESC, id DESC") + " LIMIT ?")) {
                s.setFetchSize(FETCH_SIZE);
                s.setInt(where.bind(s), limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        each.accept(entry(r));
                    }
                }
            }
            return null;
        });
    }

    /** Deletes entries logged before {@code before}; {@code audit} gets the transaction and the count before commit. */
    public int deleteOlderThan(Instant before, ObjIntConsumer<Connection> audit) {
        return JdbcTransactions.run(dataSource, "log store", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM pergola_log_entries WHERE logged_at < ?")) {
                s.setTimestamp(1, Timestamp.from(before));
                int n = s.executeUpdate();
                audit.accept(c, n);
                return n;
            }
        });
    }

    /** Keeps the newest {@code maxRows} entries. @return how many older ones were deleted */
    public int trim(int maxRows) {
        return JdbcTransactions.run(dataSource, "log store", c -> {
            Long boundary = null;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id FROM pergola_log_entries ORDER BY id DESC LIMIT 1 OFFSET ?")) {
                s.setInt(1, maxRows);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        boundary = r.getLong(1);
                    }
                }
            }
            if (boundary == null) {
                return 0;
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM pergola_log_entries WHERE id <= ?")) {
                s.setLong(1, boundary);
                return s.executeUpdate();
            }
        });
    }

    public long count() {
        return JdbcTransactions.run(dataSource, "log store", c -> {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM pergola_log_entries")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private static LogEntry entry(ResultSet r) throws SQLException {
        String stack = r.getString(9);
        return new LogEntry(r.getLong(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), r.getString(7), r.getString(8), stack != null, stack);
    }

}
