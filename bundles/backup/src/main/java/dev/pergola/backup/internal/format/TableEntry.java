package dev.pergola.backup.internal.format;

import java.util.List;

/**
 * A table in a backup: entry {@code tables/<name>.jsonl}, one JSON array per row in {@link #columns()} order.
 *
 * @param name       lower-case table name
 * @param columns    the columns, in the order of the values of each row
 * @param primaryKey primary key column names (lower-case), empty when the table has none
 * @param rows       number of rows written
 * @param sha256     hex SHA-256 of the entry's bytes (as stored in the ZIP, uncompressed)
 */
public record TableEntry(String name, List<Column> columns, List<String> primaryKey, long rows, String sha256) {

    public TableEntry {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** The ZIP entry name of this table. */
    public String entryName() {
        return "tables/" + name + ".jsonl";
    }
}
