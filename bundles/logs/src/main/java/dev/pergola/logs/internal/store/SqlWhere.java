package dev.pergola.logs.internal.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import dev.pergola.api.query.ListQuery;

/**
 * The shared list language, plus the endpoint's own shortcuts, over {@code pergola_log_entries} in plain JDBC. Column
 * names come from the endpoint's {@link dev.pergola.api.query.ListSpec} or from this bundle's code, never from the
 * request; every value is a bound parameter.
 */
public final class SqlWhere {
    private final StringBuilder where = new StringBuilder(" WHERE 1=1");
    private final List<Object> values = new ArrayList<>();
    private String orderBy = " ORDER BY logged_at DESC, id DESC";

    /** Only the endpoint's shortcuts (the live tail's backlog, the shell). */
    public SqlWhere() {
    }

    public SqlWhere(ListQuery query) {
        for (ListQuery.Filter f : query.filters()) {
            String col = f.field().attribute();
            List<Object> v = f.values();
            switch (f.operator()) {
                case EQ -> and(col + " = ?", v.get(0));
                case NE -> and(col + " <> ?", v.get(0));
                case GT -> and(col + " > ?", v.get(0));
                case GTE -> and(col + " >= ?", v.get(0));
                case LT -> and(col + " < ?", v.get(0));
                case LTE -> and(col + " <= ?", v.get(0));
                case LIKE -> and("LOWER(" + col + ") LIKE ? ESCAPE '\\'", contains(v.get(0)));
                case BETWEEN -> {
                    and(col + " >= ?", v.get(0));
                    and(col + " <= ?", v.get(1));
                }
                case IN -> in(col, v);
            }
        }
        if (query.search() != null && !query.search().isBlank()) {
            StringJoiner any = new StringJoiner(" OR ", " AND (", ")");
            query.spec().fields().stream().filter(f -> f.searchable()).forEach(f -> {
                any.add("LOWER(" + f.attribute() + ") LIKE ? ESCAPE '\\'");
                values.add(contains(query.search()));
            });
            where.append(any);
        }
        if (!query.sorts().isEmpty()) {
            StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
            query.sorts().forEach(s -> order.add(s.field().attribute() + (s.descending() ? " DESC" : " ASC")));
            order.add("id DESC");
            orderBy = order.toString();
        }
    }

    /** {@code sql} with one {@code ?} per value, ANDed to the conditions. */
    public SqlWhere and(String sql, Object... bound) {
        where.append(" AND ").append(sql);
        for (Object v : bound) {
            values.add(jdbc(v));
        }
        return this;
    }

    public SqlWhere in(String column, List<?> list) {
        StringJoiner marks = new StringJoiner(", ", column + " IN (", ")");
        list.forEach(x -> marks.add("?"));
        where.append(" AND ").append(marks);
        list.forEach(x -> values.add(jdbc(x)));
        return this;
    }

    /** Case-insensitive "contains" on the message. */
    public SqlWhere messageContains(String text) {
        return and("LOWER(message) LIKE ? ESCAPE '\\'", contains(text));
    }

    static String contains(Object value) {
        String text = value.toString().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + text + "%";
    }

    /** Years beyond what a JDBC timestamp holds compare like the nearest one it does (a filter, not a stored value). */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static Object jdbc(Object value) {
        if (value instanceof Instant i) {
            return Timestamp.from(i.isBefore(EARLIEST) ? EARLIEST : i.isAfter(LATEST) ? LATEST : i);
        }
        return value instanceof java.util.UUID u ? u.toString() : value;
    }

    String where() {
        return where.toString();
    }

    String orderBy() {
        return orderBy;
    }

    /** Binds the values from parameter 1. @return the next free parameter index */
    int bind(PreparedStatement s) throws SQLException {
        int i = 1;
        for (Object v : values) {
            s.setObject(i++, v);
        }
        return i;
    }
}
