package dev.pergola.backup.internal.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import dev.pergola.backup.internal.format.BackupReader;
import dev.pergola.backup.internal.format.Column;
import dev.pergola.backup.internal.format.TableEntry;

/** Loads a backed-up table's rows into a database. */
public final class TableLoader {
    /** Rows per JDBC batch, unless the batch reaches {@link #BATCH_BYTES} first. */
    static final int BATCH_ROWS = 1_000;
    /** A batch of big rows (sealed mail bodies, audit JSON) goes early so memory stays flat. */
    static final long BATCH_BYTES = 8L << 20;

    private TableLoader() {
    }

    /**
     * Inserts rows into an existing table, columns matched by name (absent ones take defaults), batched.
     * A backup column the table lacks is an error rather than data silently left behind. The caller owns the
     * transaction.
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
        String sql = "INSERT INTO " + Identifiers.quote(target.name()) + " (" + String.join(", ", names) + ")"
                // identity columns declared GENERATED ALWAYS take the backed-up values too
                + (identity ? " OVERRIDING SYSTEM VALUE" : "")
                + " VALUES (" + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")";
        long loaded = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int batched = 0;
            long bytes = 0;
            for (Object[] row; (row = rows.next()) != null; ) {
                if (row.length != columns.size()) {
                    throw new SQLException("A row of " + table.name() + " has " + row.length + " values for "
                            + columns.size() + " columns");
                }
                for (int i = 0; i < row.length; i++) {
                    int at = targetIndex[i];
                    PortableTypes.bind(ps, i + 1, row[i], target.jdbcTypes().get(at), target.typeNames().get(at));
                    bytes += size(row[i]);
                }
                ps.addBatch();
                if (++batched == BATCH_ROWS || bytes >= BATCH_BYTES) {
                    ps.executeBatch();
                    loaded += batched;
                    batched = 0;
                    bytes = 0;
                    progress.accept(loaded);
                }
            }
            if (batched > 0) {
                ps.executeBatch();
                loaded += batched;
            }
        }
        progress.accept(loaded);
        return loaded;
    }

    private static long size(Object value) {
        if (value instanceof String s) {
            return 2L * s.length();
        }
        if (value instanceof byte[] b) {
            return b.length;
        }
        return 16;
    }
}
