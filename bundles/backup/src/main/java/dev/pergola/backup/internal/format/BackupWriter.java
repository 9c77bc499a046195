package dev.pergola.backup.internal.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.LongConsumer;

/**
 * Writes a backup as a stream: tables and files in the order given, then {@code manifest.json} last.
 * Not thread-safe; one writer per backup.
 */
public final class BackupWriter implements Closeable {

    /** Starts a backup on {@code out} (closed by {@link #finish} or {@link #close}). */
    public BackupWriter(OutputStream out, WriteOptions options) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Streams every row of {@code table} (constant memory: PG cursor with fetch size, autocommit off).
     * The caller owns the transaction: give the same connection, in one snapshot transaction, for every table.
     *
     * @param rowsWritten called now and then with the rows written so far for this table
     */
    public TableEntry writeTable(Connection c, String table, LongConsumer rowsWritten)
            throws IOException, SQLException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Copies a file as entry {@code files/<path>}. */
    public FileEntry writeFile(String path, Path file) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Writes manifest.json (header fields from {@code header}, tables/files/sequences collected) and closes the
     * stream.
     */
    public Manifest finish(Manifest header) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Closes the output without a manifest when not finished: the file is then not a valid backup. */
    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
