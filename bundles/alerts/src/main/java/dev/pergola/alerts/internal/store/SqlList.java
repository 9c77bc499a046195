package dev.pergola.alerts.internal.store;

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
 * The shared list language over one table in plain JDBC: column names come from the endpoint's own spec (never from
 * the request), every value is a bound parameter.
 */
final class SqlList {
    private final StringBuilder where = new StringBuilder(" WHERE 1=1");
    private final List<Object> values = new ArrayList<>();
    private final String orderBy;

    SqlList(ListQuery query) {
        for (ListQuery.Filter f : query.filters()) {
            String col = f.field().attribute();
            List<Object> v = f.values();
            switch (f.operator()) {
                case EQ -> condition(col + " = ?", v.get(0));
                case NE -> condition(col + " <> ?", v.get(0));
                case GT -> condition(col + " > ?", v.get(0));
                case GTE -> condition(col + " >= ?", v.get(0));
                case LT -> condition(col + " < ?", v.get(0));
                case LTE -> condition(col + " <= ?", v.get(0));
                case LIKE -> condition("LOWER(" + col + ") LIKE ? ESCAPE '\\'", contains(v.get(0)));
                case BETWEEN -> {
                    condition(col + " >= ?", v.get(0));
                    condition(col + " <= ?", v.get(1));
                }
                case IN -> {
                    StringJoiner marks = new StringJoiner(", ", col + " IN (", ")");
                    v.forEach(x -> {
                        marks.add("?");
                        values.add(jdbc(x));
                    });
                    where.append(" AND ").append(marks);
                }
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
        StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
        query.sorts().forEach(s -> order.add(s.field().attribute() + (s.descending() ? " DESC" : " ASC")));
        order.add("id ASC");
        this.orderBy = order.toString();
    }

    private void condition(String sql, Object value) {
        where.append(" AND ").append(sql);
        values.add(jdbc(value));
    }

    private static String contains(Object value) {
        String text = value.toString().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + text + "%";
    }

    private static Object jdbc(Object value) {
        return value instanceof Instant i ? Timestamp.from(i) : value instanceof java.util.UUID u ? u.toString() : value;
    }

    String where() {
        return where.toString();
    }

    String orderBy() {
        return orderBy;
    }

    /** Binds the filter values from parameter 1; @return the next free parameter index */
    int bind(PreparedStatement s) throws SQLException {
        int i = 1;
        for (Object v : values) {
            s.setObject(i++, v);
        }
        return i;
    }
}
