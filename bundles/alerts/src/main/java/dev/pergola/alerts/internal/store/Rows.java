package dev.pergola.alerts.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Column conversions shared by the stores: timestamps, nullable doubles, comma-separated lists and tags. */
final class Rows {
    private Rows() {
    }

    static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Double nullableDouble(ResultSet r, String column) throws SQLException {
        double d = r.getDouble(column);
        return r.wasNull() ? null : d;
    }

    static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null || value.isNaN() || value.isInfinite()) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }

    static String joined(List<String> items) {
        return items.isEmpty() ? null : String.join(",", items);
    }

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    static String tags(Map<String, String> tags) {
        StringBuilder b = new StringBuilder();
        tags.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.length() == 0 ? null : b.toString();
    }

    static Map<String, String> tags(String joined) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String pair : split(joined)) {
            int eq = pair.indexOf('=');
            tags.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return tags;
    }
}
