package dev.pergola.backup.internal.service;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.pergola.backup.internal.db.DatabaseTables;
import dev.pergola.backup.internal.format.BackupWriter;
import dev.pergola.backup.internal.format.Manifest;
import dev.pergola.backup.internal.format.WriteOptions;
import dev.pergola.backup.internal.store.BackupFolder;
import dev.pergola.backup.internal.store.InstallationFiles;

/**
 * Writes one backup: every table of the platform database read in ONE read-only REPEATABLE READ transaction (on
 * PostgreSQL a single snapshot of all tables; on H2 its MVCC snapshot of the transaction), then the installation's
 * files, then the manifest; written under a {@code .part} name and renamed when complete.
 */
final class BackupCreator {
    /** Identifies the platform that writes a backup. */
    record Source(String pergolaVersion, String installationId, Map<String, String> schemaVersions) {
    }

    private final DataSource dataSource;
    private final BackupFolder folder;
    private final InstallationFiles files;

    BackupCreator(DataSource dataSource, BackupFolder folder, InstallationFiles files) {
        this.dataSource = dataSource;
        this.folder = folder;
        this.files = files;
    }

    Manifest create(String name, WriteOptions options, boolean includeUploads, Source source, Instant now,
            Progress progress) throws IOException, SQLException {
        folder.ensure();
        Path partial = folder.partial(name);
        try {
            Manifest manifest = write(partial, options, includeUploads, source, now, progress);
            folder.publish(name);
            return manifest;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private Manifest write(Path partial, WriteOptions options, boolean includeUploads, Source source, Instant now,
            Progress progress) throws IOException, SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
                    BackupWriter writer = new BackupWriter(out, options)) {
                progress.step("counting rows");
                Map<String, Long> counts = counts(c, DatabaseTables.tables(c));
                Map<String, Long> sequences = DatabaseTables.sequences(c);
                long total = counts.values().stream().mapToLong(Long::longValue).sum();
                long[] before = {0};
                for (Map.Entry<String, Long> table : counts.entrySet()) {
                    progress.step("table " + table.getKey().toLowerCase(java.util.Locale.ROOT));
                    writer.writeTable(c, table.getKey(), rows -> progress.advance(1, 90, before[0] + rows, total));
                    before[0] += table.getValue();
                }
                c.commit();
                List<InstallationFiles.Item> items = files.collect(includeUploads);
                long bytes = 0;
                long size = items.stream().mapToLong(i -> sizeOf(i.file())).sum();
                progress.step("files");
                for (InstallationFiles.Item item : items) {
                    writer.writeFile(item.path(), item.file());
                    bytes += sizeOf(item.file());
                    progress.advance(90, 99, bytes, size);
                }
                progress.step("manifest");
                Manifest header = new Manifest(Manifest.FORMAT_VERSION, source.pergolaVersion(), now,
                        DatabaseTables.type(c), source.installationId(), source.schemaVersions(), List.of(), List.of(),
                        sequences, options.encrypted());
                return writer.finish(header);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        }
    }

    private static Map<String, Long> counts(Connection c, List<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
