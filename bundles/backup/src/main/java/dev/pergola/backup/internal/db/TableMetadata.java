package dev.pergola.backup.internal.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.pergola.backup.internal.format.Column;

/**
 * One table of the current schema as the database reports it: its exact name, columns with portable types and
 * JDBC types, and primary key.
 *
 * @param name      exact name (for quoting)
 * @param columns   portable columns, lower-case names, in ordinal order
 * @param jdbcTypes {@link java.sql.Types} of each column, same order
 * @param typeNames database type name of each column, same order
 * @param exactNames exact column names, same order
 * @param primaryKey lower-case primary key column names in key order
 */
public record TableMetadata(String name, List<Column> columns, List<Integer> jdbcTypes, List<String> typeNames,
        List<String> exactNames, List<String> primaryKey) {

    /** The table of the current schema whose name equals {@code table} ignoring case; null when there is none. */
    public static TableMetadata find(Connection c, String table) throws SQLException {
        String exact = exactTableName(c, table);
        return exact == null ? null : read(c, exact);
    }

    /** Like {@link #find} but absent is an error. */
    public static TableMetadata of(Connection c, String table) throws SQLException {
        TableMetadata t = find(c, table);
        if (t == null) {
            throw new SQLException("No table " + table + " in the current schema " + c.getSchema());
        }
        return t;
    }

    static String exactTableName(Connection c, String table) throws SQLException {
        for (String t : DatabaseTables.tableNames(c)) {
            if (t.equalsIgnoreCase(table)) {
                return t;
            }
        }
        return null;
    }

    private static TableMetadata read(Connection c, String exact) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema = c.getSchema();
        String database = DatabaseTables.type(c);
        TreeMap<Integer, Object[]> ordered = new TreeMap<>();
        try (ResultSet rs = md.getColumns(null, Identifiers.pattern(c, schema), Identifiers.pattern(c, exact), "%")) {
            while (rs.next()) {
                if (!exact.equals(rs.getString("TABLE_NAME")) || !schema.equals(rs.getString("TABLE_SCHEM"))) {
                    continue;
                }
                String column = rs.getString("COLUMN_NAME");
                int jdbc = rs.getInt("DATA_TYPE");
                String typeName = rs.getString("TYPE_NAME");
                int size = rs.getInt("COLUMN_SIZE");
                Integer digits = (Integer) rs.getObject("DECIMAL_DIGITS", Integer.class);
                boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
                String def = rs.getString("COLUMN_DEF");
                boolean identity = "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"));
                Column col = PortableTypes.column(database, exact, column, jdbc, typeName, size, digits, nullable,
                        def, identity);
                ordered.put(rs.getInt("ORDINAL_POSITION"), new Object[] {col, jdbc, typeName, column});
            }
        }
        List<Column> columns = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> exactNames = new ArrayList<>();
        for (Object[] o : ordered.values()) {
            columns.add((Column) o[0]);
            types.add((Integer) o[1]);
            names.add((String) o[2]);
            exactNames.add((String) o[3]);
        }
        Map<Short, String> key = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(null, schema, exact)) {
            while (rs.next()) {
                key.put(rs.getShort("KEY_SEQ"), Identifiers.lower(rs.getString("COLUMN_NAME")));
            }
        }
        return new TableMetadata(exact, columns, types, names, exactNames, List.copyOf(key.values()));
    }

    /** Index of a column by name ignoring case, -1 when absent. */
    public int indexOf(String column) {
        for (int i = 0; i < exactNames.size(); i++) {
            if (exactNames.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }
}
