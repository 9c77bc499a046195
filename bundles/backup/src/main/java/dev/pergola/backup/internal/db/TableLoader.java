package dev.pergola.backup.internal.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.LongConsumer;

import dev.pergola.backup.internal.format.BackupReader;
import dev.pergola.backup.internal.format.TableEntry;

/** Loads a backed-up table's rows into a database. */
public final class TableLoader {

    private TableLoader() {
    }

    /**
     * Inserts rows into an existing table, columns matched by name (absent ones take defaults), batched.
     * The caller owns the transaction.
     *
     * @param progress called now and then with the rows loaded so far
     * @return rows loaded
     */
    public static long load(Connection c, TableEntry table, BackupReader.RowReader rows, LongConsumer progress)
            throws SQLException, IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
