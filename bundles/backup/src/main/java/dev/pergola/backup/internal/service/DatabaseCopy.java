package dev.pergola.backup.internal.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.pergola.api.persistence.SchemaMigrations;
import dev.pergola.backup.internal.db.DatabaseTables;
import dev.pergola.backup.internal.db.TableLoader;
import dev.pergola.backup.internal.format.BackupReader;
import dev.pergola.backup.internal.format.BackupRefusedException;
import dev.pergola.backup.internal.format.FileEntry;
import dev.pergola.backup.internal.format.Manifest;
import dev.pergola.backup.internal.format.TableEntry;
import dev.pergola.backup.internal.store.InstallationFiles;

/**
 * Puts a verified backup into an EMPTY database: each owner known here gets its schema at the backup's version
 * (owners absent from the backup: newest) through its own scripts; tables of owners unknown here are created from
 * the manifest; rows are loaded table by table (the history rows of owners just migrated are skipped — the
 * migration wrote them); sequences restart where they were. Files go back only when {@code files} is given.
 */
final class DatabaseCopy {
    private final SchemaMigrations migrations;

    DatabaseCopy(SchemaMigrations migrations) {
        this.migrations = migrations;
    }

    /** @return rows loaded per table (lower-case name) */
    Map<String, Long> apply(DataSource target, Path file, char[] passphrase, Manifest manifest,
            InstallationFiles files, Progress progress) throws IOException, SQLException, BackupRefusedException {
        progress.step("schema");
        Set<String> migratedHistory = new java.util.HashSet<>();
        for (String owner : migrations.available().keySet()) {
            migrations.migrate(target, owner, manifest.schemaVersions().get(owner));
            migratedHistory.add(migrations.historyTable(owner).toLowerCase(Locale.ROOT));
        }
        long total = manifest.tables().stream().mapToLong(TableEntry::rows).sum();
        long[] done = {0};
        Map<String, Long> loaded = new LinkedHashMap<>();
        try (Connection c = target.getConnection()) {
            c.setAutoCommit(false);
            List<String> present = DatabaseTables.tables(c);
            Set<String> existing = present.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            clearSeeds(c, present, migratedHistory);
            BackupReader.read(file, passphrase, manifest, new BackupReader.EntryVisitor() {
                @Override
                public void table(TableEntry table, BackupReader.RowReader rows) throws IOException, SQLException {
                    String name = table.name().toLowerCase(Locale.ROOT);
                    if (migratedHistory.contains(name)) {
                        while (rows.next() != null) {
                            // the migration recorded this owner's history here
                        }
                        loaded.put(name, table.rows());
                    } else {
                        progress.step("table " + name);
                        if (!existing.contains(name)) {
                            DatabaseTables.createTable(c, table);
                        }
                        long n = TableLoader.load(c, table, rows, r -> progress.advance(20, 85, done[0] + r, total));
                        c.commit();
                        loaded.put(name, n);
                    }
                    done[0] += table.rows();
                }

                @Override
                public void file(FileEntry entry, InputStream content) throws IOException {
                    Optional<Path> where = files == null ? Optional.empty() : files.target(entry.path());
                    if (where.isPresent()) {
                        progress.step("file " + entry.path());
                        write(where.get(), content);
                    } else {
                        content.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                }
            });
            progress.step("sequences");
            DatabaseTables.restartSequences(c, manifest.sequences());
            c.commit();
        }
        progress.set(90);
        return loaded;
    }

    /** Migrations seed rows (a cursor, the built-in roles): the backup's rows replace them, children first. */
    private static void clearSeeds(Connection c, List<String> tables, Set<String> keep) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (int i = tables.size() - 1; i >= 0; i--) {
                String table = tables.get(i);
                if (!keep.contains(table.toLowerCase(Locale.ROOT))) {
                    s.executeUpdate("DELETE FROM \"" + table.replace("\"", "\"\"") + "\"");
                }
            }
        }
        c.commit();
    }

    private static void write(Path target, InputStream content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".restoring");
        Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
