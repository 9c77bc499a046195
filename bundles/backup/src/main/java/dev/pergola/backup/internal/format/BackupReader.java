package dev.pergola.backup.internal.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.LongConsumer;

/** Reads a backup written by {@link BackupWriter}: verify first, then read. */
public final class BackupReader {

    private BackupReader() {
    }

    /**
     * Whole pass: decrypt, every entry's SHA-256 and row count against the manifest, nothing missing or extra.
     *
     * @param passphrase required when the file is encrypted, ignored otherwise
     * @param bytesRead  called now and then with the bytes of the file read so far
     * @return the manifest, trusted
     */
    public static Manifest verify(Path file, char[] passphrase, LongConsumer bytesRead)
            throws BackupRefusedException, IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Second pass after verify: tables then files in file order; the visitor gets each entry's rows/stream.
     * Checksums are checked again as entries are read; a mismatch refuses (the file changed since verify).
     */
    public static void read(Path file, char[] passphrase, Manifest manifest, EntryVisitor visitor)
            throws BackupRefusedException, IOException, SQLException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Receives the entries of a backup in file order. */
    public interface EntryVisitor {
        /** One table; {@code rows} is valid only during this call. */
        void table(TableEntry table, RowReader rows) throws IOException, SQLException;

        /** One file; {@code content} is valid only during this call. */
        void file(FileEntry file, InputStream content) throws IOException;
    }

    /** The rows of one table, values as Java objects per {@link Column#type()} (see docs/backup-format.md). */
    public interface RowReader {
        /** The next row's values in the manifest's column order; null at the end. */
        Object[] next() throws IOException;
    }
}
