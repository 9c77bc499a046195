package dev.pergola.backup.internal.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pergola.backup.internal.format.Column;

/**
 * JDBC types ↔ the portable types of a backup, and the DDL type of a portable column on H2 and PostgreSQL.
 * A type with no portable form refuses the backup rather than losing data silently.
 */
public final class PortableTypes {
    /** The longest VARCHAR PostgreSQL accepts; longer (or unbounded) character columns are {@code text}. */
    static final int MAX_VARCHAR = 10_485_760;
    private static final Pattern STRING_LITERAL = Pattern.compile("^'((?:[^']|'')*)'(?:::[a-z ]+)?$");
    private static final Pattern NUMBER_LITERAL = Pattern.compile("^\\(?(-?[0-9]+(?:\\.[0-9]+)?)\\)?(?:::[a-z ]+)?$");

    private PortableTypes() {
    }

    static Column column(String database, String table, String name, int jdbc, String typeName, int size,
            Integer digits, boolean nullable, String def, boolean identity) throws SQLException {
        String t = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        String type;
        Integer length = null;
        Integer precision = null;
        Integer scale = null;
        if (t.equals("uuid")) {
            type = "uuid";
        } else if (t.equals("timestamptz") || t.equals("timestamp with time zone") || jdbc == Types.TIMESTAMP_WITH_TIMEZONE) {
            type = "timestamptz";
        } else if (t.equals("timetz") || t.equals("time with time zone") || jdbc == Types.TIME_WITH_TIMEZONE) {
            throw unsupported(table, name, typeName);
        } else {
            switch (jdbc) {
                case Types.VARCHAR, Types.NVARCHAR, Types.CHAR, Types.NCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR -> {
                    if (size > 0 && size <= MAX_VARCHAR && !t.equals("text")) {
                        type = "varchar";
                        length = size;
                    } else {
                        type = "text";
                    }
                }
                case Types.CLOB, Types.NCLOB -> type = "text";
                case Types.INTEGER -> type = "integer";
                case Types.SMALLINT, Types.TINYINT -> type = "smallint";
                case Types.BIGINT -> type = "bigint";
                case Types.BOOLEAN, Types.BIT -> type = "boolean";
                case Types.DECIMAL, Types.NUMERIC -> {
                    type = "decimal";
                    // unconstrained NUMERIC: PostgreSQL reports 1000 or 131089, H2 100000
                    if (size > 0 && size <= 1000 && !(size == 1000 && (digits == null || digits == 0) && "postgresql".equals(database))) {
                        precision = size;
                        scale = digits == null ? 0 : digits;
                    }
                }
                case Types.DOUBLE, Types.FLOAT -> type = "double";
                case Types.REAL -> type = "real";
                case Types.TIMESTAMP -> type = "timestamp";
                case Types.DATE -> type = "date";
                case Types.TIME -> type = "time";
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                    type = "binary";
                    if (jdbc != Types.BLOB && size > 0 && size < Integer.MAX_VALUE && !t.equals("bytea")) {
                        length = size;
                    }
                }
                default -> throw unsupported(table, name, typeName);
            }
        }
        boolean serial = def != null && def.toLowerCase(Locale.ROOT).startsWith("nextval(");
        return new Column(Identifiers.lower(name), type, length, precision, scale, nullable,
                identity || serial ? null : portableDefault(def), identity || serial);
    }

    private static SQLException unsupported(String table, String column, String typeName) {
        return new SQLException("Column " + table + "." + column + " has type " + typeName
                + ", which a portable backup cannot carry (see docs/backup-format.md for the supported types)");
    }

    /** A default both databases understand the same way, else null (dropped). */
    static String portableDefault(String def) {
        if (def == null) {
            return null;
        }
        String d = def.trim();
        String lower = d.toLowerCase(Locale.ROOT);
        if (lower.equals("now()") || lower.startsWith("current_timestamp") || lower.startsWith("localtimestamp")) {
            return "CURRENT_TIMESTAMP";
        }
        if (lower.equals("true") || lower.equals("false")) {
            return lower.toUpperCase(Locale.ROOT);
        }
        Matcher s = STRING_LITERAL.matcher(d);
        if (s.matches()) {
            return "'" + s.group(1) + "'";
        }
        Matcher n = NUMBER_LITERAL.matcher(lower);
        return n.matches() ? n.group(1) : null;
    }

    /** The DDL type of a portable column on {@code database} ("h2" or "postgresql"). */
    static String ddl(String database, Column c) throws SQLException {
        boolean pg = "postgresql".equals(database);
        return switch (c.type()) {
            case "varchar" -> "VARCHAR(" + c.length() + ")";
            case "text" -> pg ? "TEXT" : "CHARACTER VARYING"; // H2: up to 10^9 characters, and indexable unlike a CLOB
            case "integer" -> "INTEGER";
            case "smallint" -> "SMALLINT";
            case "bigint" -> "BIGINT";
            case "boolean" -> "BOOLEAN";
            // an unconstrained H2 NUMERIC has scale 0; DECFLOAT keeps every digit like PostgreSQL's NUMERIC
            case "decimal" -> c.precision() == null ? (pg ? "NUMERIC" : "DECFLOAT")
                    : "NUMERIC(" + c.precision() + "," + (c.scale() == null ? 0 : c.scale()) + ")";
            case "double" -> "DOUBLE PRECISION";
            case "real" -> "REAL";
            case "timestamp" -> "TIMESTAMP";
            case "timestamptz" -> "TIMESTAMP WITH TIME ZONE";
            case "date" -> "DATE";
            case "time" -> "TIME";
            case "binary" -> pg ? "BYTEA" : c.length() == null ? "BINARY LARGE OBJECT" : "VARBINARY(" + c.length() + ")";
            case "uuid" -> "UUID";
            default -> throw new SQLException("Unknown portable type " + c.type() + " of column " + c.name());
        };
    }

    /** Reads column {@code i} of the current row as the Java type of its portable type. */
    public static Object read(ResultSet rs, int i, String type) throws SQLException {
        Object v = switch (type) {
            case "integer", "smallint" -> rs.getInt(i);
            case "bigint" -> rs.getLong(i);
            case "boolean" -> rs.getBoolean(i);
            case "decimal" -> rs.getBigDecimal(i);
            case "double" -> rs.getDouble(i);
            case "real" -> rs.getFloat(i);
            case "timestamp" -> rs.getObject(i, LocalDateTime.class);
            case "timestamptz" -> rs.getObject(i, OffsetDateTime.class);
            case "date" -> rs.getObject(i, LocalDate.class);
            case "time" -> rs.getObject(i, LocalTime.class);
            case "binary" -> rs.getBytes(i);
            case "uuid" -> rs.getObject(i, UUID.class);
            default -> rs.getString(i);
        };
        return rs.wasNull() ? null : v;
    }

    /** Binds a backup value to a column of the target table, converting where the target's type differs. */
    static void bind(PreparedStatement ps, int i, Object value, int jdbc, String typeName) throws SQLException {
        if (value == null) {
            ps.setNull(i, jdbc == Types.OTHER ? Types.OTHER : jdbc);
            return;
        }
        String t = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (t.equals("uuid")) {
            ps.setObject(i, value instanceof UUID ? value : UUID.fromString(value.toString()));
            return;
        }
        switch (jdbc) {
            case Types.VARCHAR, Types.NVARCHAR, Types.CHAR, Types.NCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> ps.setString(i, value.toString());
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ps.setBytes(i, (byte[]) value);
            default -> ps.setObject(i, value);
        }
    }
}
