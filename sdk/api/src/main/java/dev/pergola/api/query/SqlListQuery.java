package dev.pergola.api.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The shared list language over one table in plain JDBC: a WHERE clause and an ORDER BY built from a validated
 * {@link ListQuery}. Column names come from the endpoint's own {@link ListSpec} field attributes (or from the caller's
 * code through {@link #and}), never from the request; every value is a bound parameter. Use it as
 * {@code "SELECT … FROM t" + sql.where() + sql.orderBy("id ASC", "created_at DESC") + " LIMIT ? OFFSET ?"}, then
 * {@link #bind} and set the paging parameters from the index it returns. @since 1.2
 */
public final class SqlListQuery {
    /** Filter instants beyond what a JDBC timestamp holds compare like the nearest one it does. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final StringBuilder where = new StringBuilder(" WHERE 1=1");
    private final List<Object> values = new ArrayList<>();
    private final List<ListQuery.Sort> sorts;

    /** No condition yet: only what the caller adds. */
    public SqlListQuery() {
        this.sorts = List.of();
    }

    /** The query's filters and its search (over the spec's searchable fields), and its sorts. */
    public SqlListQuery(ListQuery query) {
        this.sorts = query.sorts();
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
                case LIKE -> containsText(col, v.get(0).toString());
                case BETWEEN -> and(col + " >= ? AND " + col + " <= ?", v.get(0), v.get(1));
                case IN -> in(col, v);
            }
        }
        if (query.search() != null && !query.search().isBlank()) {
            StringJoiner any = new StringJoiner(" OR ", " AND (", ")");
            query.spec().fields().stream().filter(ListSpec.Field::searchable).forEach(f -> {
                any.add("LOWER(" + f.attribute() + ") LIKE ? ESCAPE '\\'");
                values.add(contains(query.search()));
            });
            where.append(any);
        }
    }

    /** ANDs {@code sql}, which holds one {@code ?} per value in {@code bound}. */
    public SqlListQuery and(String sql, Object... bound) {
        where.append(" AND (").append(sql).append(')');
        for (Object v : bound) {
            values.add(jdbc(v));
        }
        return this;
    }

    /** {@code column IN (…)}; an empty list matches nothing. */
    public SqlListQuery in(String column, List<?> list) {
        if (list.isEmpty()) {
            where.append(" AND 1=0");
            return this;
        }
        StringJoiner marks = new StringJoiner(", ", column + " IN (", ")");
        list.forEach(x -> marks.add("?"));
        return and(marks.toString(), list.stream().map(x -> (Object) x).toArray());
    }

    /** Case-insensitive "contains", with {@code %}, {@code _} and {@code \} taken literally. */
    public SqlListQuery containsText(String column, String text) {
        return and("LOWER(" + column + ") LIKE ? ESCAPE '\\'", contains(text));
    }

    /** {@code " WHERE …"}, with a leading space. */
    public String where() {
        return where.toString();
    }

    /**
     * {@code " ORDER BY …"}: the query's sorts then {@code tieBreaker} (a unique column and direction, so pages are
     * stable), or {@code unsorted} when the query names no sort.
     */
    public String orderBy(String tieBreaker, String unsorted) {
        if (sorts.isEmpty()) {
            return " ORDER BY " + unsorted;
        }
        StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
        sorts.forEach(s -> order.add(s.field().attribute() + (s.descending() ? " DESC" : " ASC")));
        order.add(tieBreaker);
        return order.toString();
    }

    /** Binds the values from parameter 1. @return the next free parameter index */
    public int bind(PreparedStatement statement) throws SQLException {
        int i = 1;
        for (Object v : values) {
            statement.setObject(i++, v);
        }
        return i;
    }

    private static String contains(Object value) {
        String text = value.toString().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + text + "%";
    }

    private static Object jdbc(Object value) {
        if (value instanceof Instant i) {
            return Timestamp.from(i.isBefore(EARLIEST) ? EARLIEST : i.isAfter(LATEST) ? LATEST : i);
        }
        return value instanceof UUID u ? u.toString() : value;
    }
}
