package dev.pergola.backup.internal.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.osgi.service.jdbc.DataSourceFactory;

import dev.pergola.api.backup.RestoreCheck;
import dev.pergola.api.persistence.SchemaMigrations;
import dev.pergola.backup.internal.CheckResult;
import dev.pergola.backup.internal.format.BackupRefusedException;
import dev.pergola.backup.internal.format.Manifest;
import dev.pergola.backup.internal.format.TableEntry;

/**
 * The second half of a verification: the backup restored into a scratch H2 database under {@code data/tmp}, its
 * row counts compared with the manifest, every {@link RestoreCheck} run on it; the scratch files are deleted after.
 */
final class TrialRestore {
    private final DataSourceFactory h2;
    private final SchemaMigrations migrations;
    private final Path tmp;

    TrialRestore(DataSourceFactory h2, SchemaMigrations migrations, Path tmp) {
        this.h2 = h2;
        this.migrations = migrations;
        this.tmp = tmp;
    }

    List<CheckResult> run(Path file, char[] passphrase, Manifest manifest, List<RestoreCheck> checks,
            Progress progress) throws IOException, SQLException, BackupRefusedException {
        Path dir = tmp.resolve("backup-verify-" + UUID.randomUUID());
        Files.createDirectories(dir);
        try {
            Properties props = new Properties();
            props.setProperty(DataSourceFactory.JDBC_URL, "jdbc:h2:file:" + dir.resolve("scratch").toAbsolutePath());
            props.setProperty(DataSourceFactory.JDBC_USER, "sa");
            props.setProperty(DataSourceFactory.JDBC_PASSWORD, "");
            DataSource scratch = h2.createDataSource(props);
            List<CheckResult> results = new ArrayList<>();
            try {
                Map<String, Long> loaded = new DatabaseCopy(migrations).apply(scratch, file, passphrase, manifest,
                        null, progress);
                results.add(rowCounts(manifest, loaded));
                progress.step("checks");
                for (RestoreCheck check : checks) {
                    results.add(run(check, scratch));
                }
            } finally {
                shutdown(scratch);
            }
            return results;
        } finally {
            deleteTree(dir);
        }
    }

    static CheckResult rowCounts(Manifest manifest, Map<String, Long> loaded) {
        List<String> off = new ArrayList<>();
        long rows = 0;
        for (TableEntry t : manifest.tables()) {
            Long n = loaded.get(t.name().toLowerCase(java.util.Locale.ROOT));
            rows += t.rows();
            if (n == null || n != t.rows()) {
                off.add(t.name() + " " + n + "/" + t.rows());
            }
        }
        return off.isEmpty()
                ? new CheckResult("row-counts", true, manifest.tables().size() + " tables, " + rows + " rows restored")
                : new CheckResult("row-counts", false, "restored/expected differ: " + String.join(", ", off));
    }

    static CheckResult run(RestoreCheck check, DataSource db) {
        try {
            RestoreCheck.Result r = check.check(db);
            return new CheckResult(r.name() == null ? check.name() : r.name(), r.passed(), r.detail());
        } catch (RuntimeException e) {
            return new CheckResult(check.name(), false, "the check failed: " + e);
        }
    }

    private static void shutdown(DataSource scratch) {
        try (Connection c = scratch.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already closed: the files are deleted next either way
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
