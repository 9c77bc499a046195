package dev.pergola.backup.internal.format;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.JsonGenerator;

import dev.pergola.backup.internal.db.DatabaseTables;
import dev.pergola.backup.internal.db.PortableTypes;
import dev.pergola.backup.internal.db.TableMetadata;

/**
 * Writes a backup as a stream: tables and files in the order given, then {@code manifest.json} last.
 * Not thread-safe; one writer per backup. See docs/backup-format.md.
 */
public final class BackupWriter implements Closeable {
    /** Rows between two {@code rowsWritten} calls. */
    static final int PROGRESS_EVERY = 10_000;
    private static final int FETCH_SIZE = 1_000;

    private final WriteOptions options;
    private final ZipOutputStream zip;
    private final List<TableEntry> tables = new ArrayList<>();
    private final List<FileEntry> files = new ArrayList<>();
    private final Set<String> entries = new HashSet<>();
    private Map<String, Long> sequences;
    private boolean finished;
    private boolean closed;

    /** Starts a backup on {@code out} (closed by {@link #finish} or {@link #close}). */
    public BackupWriter(OutputStream out, WriteOptions options) throws IOException {
        this.options = options;
        OutputStream target = out;
        if (options.encrypted()) {
            target = new EncryptingOutputStream(new BufferedOutputStream(out, 1 << 16),
                    StreamEncryption.create(options.passphrase()));
        }
        zip = new ZipOutputStream(new BufferedOutputStream(new FileSeal.Sealing(target), 1 << 16));
        zip.setComment(FileSeal.PLACEHOLDER); // replaced by the file's SHA-256 as the ZIP is closed
        // level 0 = deflate "stored" blocks: streamable without knowing sizes up front, like STORED would need
        zip.setLevel(options.compress() ? Deflater.BEST_SPEED : Deflater.NO_COMPRESSION);
    }

    /**
     * Streams every row of {@code table} (constant memory: PG cursor with fetch size, autocommit off).
     * The caller owns the transaction: give the same connection, in one snapshot transaction, for every table.
     * A connection in autocommit is switched off for the scan and committed after it.
     *
     * @param table       the table's name in the current schema, any case
     * @param rowsWritten called every {@value #PROGRESS_EVERY} rows and at the end with the rows written so far
     */
    public TableEntry writeTable(Connection c, String table, LongConsumer rowsWritten)
            throws IOException, SQLException {
        TableMetadata meta = TableMetadata.of(c, table);
        String name = meta.name().toLowerCase(java.util.Locale.ROOT);
        if (!EntryNames.isTableName(name)) {
            throw new IOException("Table " + meta.name() + " has a name a backup cannot carry");
        }
        String entry = "tables/" + name + ".jsonl";
        claim(entry);
        MessageDigest digest = Hex.sha256();
        zip.putNextEntry(new ZipEntry(entry));
        long rows = 0;
        boolean autoCommit = c.getAutoCommit();
        if (autoCommit) {
            c.setAutoCommit(false); // PostgreSQL only streams through a cursor inside a transaction
        }
        boolean lazy = H2Lazy.enable(c);
        try (JsonGenerator g = Json.FACTORY.createGenerator(new DigestOutputStream(new KeepOpen(zip), digest));
             Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(FETCH_SIZE);
            List<String> types = meta.columns().stream().map(Column::type).toList();
            try (ResultSet rs = s.executeQuery(select(meta))) {
                while (rs.next()) {
                    g.writeStartArray();
                    for (int i = 0; i < types.size(); i++) {
                        JsonValues.write(g, types.get(i), PortableTypes.read(rs, i + 1, types.get(i)));
                    }
                    g.writeEndArray();
                    g.writeRaw('\n');
                    if (++rows % PROGRESS_EVERY == 0) {
                        rowsWritten.accept(rows);
                    }
                }
            }
        } finally {
            if (lazy) {
                H2Lazy.disable(c);
            }
            if (autoCommit) {
                c.commit();
                c.setAutoCommit(true);
            }
        }
        zip.closeEntry();
        rowsWritten.accept(rows);
        TableEntry written = new TableEntry(name, meta.columns(), meta.primaryKey(), rows, Hex.of(digest));
        tables.add(written);
        return written;
    }

    private static String select(TableMetadata meta) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < meta.exactNames().size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('"').append(meta.exactNames().get(i).replace("\"", "\"\"")).append('"');
        }
        return sql.append(" FROM \"").append(meta.name().replace("\"", "\"\"")).append('"').toString();
    }

    /** Records the current schema's sequences (next values) for the manifest: call inside the snapshot. */
    public Map<String, Long> writeSequences(Connection c) throws SQLException {
        sequences = new LinkedHashMap<>(DatabaseTables.sequences(c));
        return sequences;
    }

    /** Copies a file as entry {@code files/<path>}. */
    public FileEntry writeFile(String path, Path file) throws IOException {
        EntryNames.checkFilePath(path);
        String entry = "files/" + path;
        claim(entry);
        MessageDigest digest = Hex.sha256();
        zip.putNextEntry(new ZipEntry(entry));
        long size;
        try (InputStream in = Files.newInputStream(file);
             OutputStream out = new DigestOutputStream(new KeepOpen(zip), digest)) {
            size = in.transferTo(out);
        }
        zip.closeEntry();
        FileEntry written = new FileEntry(path, size, Hex.of(digest));
        files.add(written);
        return written;
    }

    private void claim(String entry) throws IOException {
        if (finished || closed) {
            throw new IOException("The backup is already finished");
        }
        if (!entries.add(entry.toLowerCase(java.util.Locale.ROOT))) {
            throw new IOException("Written twice: " + entry);
        }
    }

    /**
     * Writes manifest.json (header fields from {@code header}, tables/files/sequences collected) and closes the
     * stream. Sequences: those of {@link #writeSequences}, else the header's.
     */
    public Manifest finish(Manifest header) throws IOException {
        if (finished || closed) {
            throw new IOException("The backup is already finished");
        }
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, header.pergolaVersion(), header.createdAt(),
                header.databaseType(), header.installationId(), Map.copyOf(header.schemaVersions()), List.copyOf(tables),
                List.copyOf(files), sequences != null ? sequences : header.sequences(), options.encrypted());
        zip.putNextEntry(new ZipEntry(ManifestJson.ENTRY));
        ManifestJson.write(Json.FACTORY, new KeepOpen(zip), manifest);
        zip.closeEntry();
        finished = true;
        close();
        return manifest;
    }

    /** Closes the output; without {@link #finish} the file has no manifest and is refused by the reader. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            zip.close();
        }
    }

    /** Lets JSON writers close "their" stream without closing the ZIP. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
