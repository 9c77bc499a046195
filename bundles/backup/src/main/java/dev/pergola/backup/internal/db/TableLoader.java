package dev.pergola.backup.internal.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongConsumer;

import dev.pergola.backup.internal.format.BackupReader;
import dev.pergola.backup.internal.format.Column;
import dev.pergola.backup.internal.format.TableEntry;

/**
 * Loads a backed-up table's rows into a database: multi-row INSERTs (up to {@value #ROWS_PER_INSERT} rows in one
 * statement, far fewer round trips than one statement per row), sent in JDBC batches.
 */
public final class TableLoader {
    /** Rows in one INSERT … VALUES (…), (…) statement, fewer for wide tables (PostgreSQL takes ≤ 32,767 parameters). */
    static final int ROWS_PER_INSERT = 100;
    /** Statements per JDBC batch, unless the batch reaches {@link #BATCH_BYTES} first. */
    static final int BATCH_STATEMENTS = 10;
    /** A batch of big rows (sealed mail bodies, audit JSON) goes early so memory stays flat. */
    static final long BATCH_BYTES = 8L << 20;

    private TableLoader() {
    }

    /**
     * Inserts rows into an existing table, columns matched by name (absent ones take defaults), batched.
     * A backup column the table lacks is an error rather than data silently left behind. The caller owns the
     * transaction; with autocommit on, each batch commits by itself (on H2 a million-row table then loads about
     * twice as fast as in one transaction).
     *
     * @param progress called after each batch with the rows loaded so far
     * @return rows loaded
     */
    public static long load(Connection c, TableEntry table, BackupReader.RowReader rows, LongConsumer progress)
            throws SQLException, IOException {
        TableMetadata target = TableMetadata.of(c, table.name());
        List<Column> columns = table.columns();
        int[] targetIndex = new int[columns.size()];
        List<String> names = new ArrayList<>();
        boolean identity = false;
        for (int i = 0; i < columns.size(); i++) {
            int at = target.indexOf(columns.get(i).name());
            if (at < 0) {
                throw new SQLException("Column " + columns.get(i).name() + " of the backup's " + table.name()
                        + " does not exist in the database's " + target.name());
            }
            targetIndex[i] = at;
            names.add(Identifiers.quote(target.exactNames().get(at)));
            identity |= target.columns().get(at).identity();
        }
        int perInsert = Math.max(1, Math.min(ROWS_PER_INSERT, 30_000 / Math.max(1, columns.size())));
        long loaded = 0;
        try (PreparedStatement many = c.prepareStatement(insert(target, names, identity, perInsert));
             PreparedStatement one = c.prepareStatement(insert(target, names, identity, 1))) {
            List<Object[]> pending = new ArrayList<>(perInsert);
            int statements = 0;
            long bytes = 0;
            for (Object[] row; (row = rows.next()) != null; ) {
                if (row.length != columns.size()) {
                    throw new SQLException("A row of " + table.name() + " has " + row.length + " values for "
                            + columns.size() + " columns");
                }
                pending.add(row);
                bytes += size(row);
                if (pending.size() == perInsert) {
                    bind(many, pending, target, targetIndex);
                    many.addBatch();
                    loaded += pending.size();
                    pending.clear();
                    if (++statements == BATCH_STATEMENTS || bytes >= BATCH_BYTES) {
                        many.executeBatch();
                        statements = 0;
                        bytes = 0;
                        progress.accept(loaded);
                    }
                }
            }
            if (statements > 0) {
                many.executeBatch();
            }
            for (Object[] row : pending) {
                bind(one, List.<Object[]>of(row), target, targetIndex);
                one.addBatch();
            }
            if (!pending.isEmpty()) {
                one.executeBatch();
                loaded += pending.size();
            }
        }
        progress.accept(loaded);
        return loaded;
    }

    private static String insert(TableMetadata target, List<String> names, boolean identity, int rows) {
        String values = "(" + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
        return "INSERT INTO " + Identifiers.quote(target.name()) + " (" + String.join(", ", names) + ")"
                // identity columns declared GENERATED ALWAYS take the backed-up values too
                + (identity ? " OVERRIDING SYSTEM VALUE" : "")
                + " VALUES " + String.join(", ", Collections.nCopies(rows, values));
    }

    private static void bind(PreparedStatement ps, List<Object[]> rows, TableMetadata target, int[] targetIndex)
            throws SQLException {
        int p = 1;
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                int at = targetIndex[i];
                PortableTypes.bind(ps, p++, row[i], target.jdbcTypes().get(at), target.typeNames().get(at));
            }
        }
    }

    private static long size(Object[] row) {
        long size = 0;
        for (Object value : row) {
            if (value instanceof String s) {
                size += 2L * s.length();
            } else if (value instanceof byte[] b) {
                size += b.length;
            } else {
                size += 16;
            }
        }
        return size;
    }
}
