package dev.pergola.backup.internal.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Names in SQL: quoting, and the lower-case form a backup uses. */
final class Identifiers {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    private Identifiers() {
    }

    /** The exact name, quoted (names come from the database's own metadata). */
    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * A name for DDL from a backup's lower-case name: unquoted when plain, so the database folds it the way its
     * migrations' unquoted names are folded (H2 upper, PostgreSQL lower); quoted otherwise.
     */
    static String forDdl(String lowerName) {
        return PLAIN.matcher(lowerName).matches() && !Reserved.is(lowerName) ? lowerName : quote(lowerName);
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** A metadata search pattern that matches {@code name} literally ('_' and '%' escaped). */
    static String pattern(Connection c, String name) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String escape = md.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    /** Words H2 or PostgreSQL refuse as plain identifiers (the ones a column is likely to be called). */
    private static final class Reserved {
        private static final java.util.Set<String> WORDS = java.util.Set.of("all", "and", "any", "array", "as",
                "between", "both", "case", "check", "constraint", "cross", "current_date", "current_time",
                "current_timestamp", "current_user", "default", "distinct", "else", "end", "except", "exists",
                "false", "fetch", "for", "foreign", "from", "full", "group", "having", "if", "in", "inner",
                "intersect", "interval", "is", "join", "key", "leading", "left", "like", "limit", "localtime",
                "localtimestamp", "minus", "natural", "not", "null", "offset", "on", "or", "order", "primary",
                "qualify", "regexp", "right", "row", "rownum", "select", "session_user", "set", "some", "table",
                "to", "trailing", "true", "union", "unique", "unknown", "user", "using", "value", "values", "when",
                "where", "window", "with", "year", "month", "day", "hour", "minute", "second", "_rowid_");

        static boolean is(String word) {
            return WORDS.contains(word);
        }
    }
}
