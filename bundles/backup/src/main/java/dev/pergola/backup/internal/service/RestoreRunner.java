package dev.pergola.backup.internal.service;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.backup.RestoreCheck;
import dev.pergola.api.backup.RestoreParticipant;
import dev.pergola.api.persistence.SchemaMigrations;
import dev.pergola.api.platform.Maintenance;
import dev.pergola.backup.internal.CheckResult;
import dev.pergola.backup.internal.db.DatabaseTables;
import dev.pergola.backup.internal.format.BackupRefusedException;
import dev.pergola.backup.internal.format.Manifest;
import dev.pergola.backup.internal.store.InstallationFiles;

/**
 * Replaces the platform's database and files by a verified backup, in maintenance, between the participants'
 * {@code beforeRestore} and {@code afterRestore}. Anything that fails after the first table is dropped puts the
 * safety backup back the same way, then re-raises.
 */
final class RestoreRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreRunner.class);

    /** What was restored and what the checks said. */
    record Outcome(long rows, Map<String, String> schemaVersions, List<CheckResult> checks) {
    }

    /** A backup file with its verified manifest. */
    record Source(Path file, char[] passphrase, Manifest manifest) {
    }

    private final DataSource platform;
    private final SchemaMigrations migrations;
    private final InstallationFiles files;

    RestoreRunner(DataSource platform, SchemaMigrations migrations, InstallationFiles files) {
        this.platform = platform;
        this.migrations = migrations;
        this.files = files;
    }

    Outcome run(Maintenance maintenance, String reason, Source backup, Source safety,
            List<RestoreParticipant> participants, List<RestoreCheck> checks, Progress progress) throws Exception {
        try (Maintenance.Handle handle = maintenance.enter(reason)) {
            List<RestoreParticipant> paused = new ArrayList<>();
            try {
                progress.step("pausing background work");
                for (RestoreParticipant p : participants) {
                    p.beforeRestore();
                    paused.add(p);
                }
                try {
                    return replace(backup, checks, progress);
                } catch (Exception | Error e) {
                    LOG.error("Restore of {} failed; putting the safety backup back", reason, e);
                    progress.step("putting the safety backup back");
                    try {
                        replace(safety, List.of(), new Progress(progress.filename(), "restore", progress.startedAt(), p -> {
                        }));
                    } catch (Exception | Error again) {
                        LOG.error("The safety backup could not be put back either", again);
                        e.addSuppressed(again);
                    }
                    throw e;
                }
            } finally {
                progress.step("resuming background work");
                for (RestoreParticipant p : paused) {
                    try {
                        p.afterRestore();
                    } catch (RuntimeException e) {
                        LOG.error("A restore participant failed to resume: {}", p, e);
                    }
                }
            }
        }
    }

    private Outcome replace(Source source, List<RestoreCheck> checks, Progress progress)
            throws IOException, SQLException, BackupRefusedException {
        long started = System.nanoTime();
        progress.step("dropping the current tables");
        try (Connection c = platform.getConnection()) {
            c.setAutoCommit(true);
            DatabaseTables.dropAll(c);
        }
        Map<String, Long> loaded = new DatabaseCopy(migrations).apply(platform, source.file(), source.passphrase(),
                source.manifest(), files, progress);
        LOG.info("Restore: rows loaded in {} ms ({} tables)", (System.nanoTime() - started) / 1_000_000, loaded.size());
        progress.step("migrating forward");
        for (String owner : migrations.available().keySet()) {
            migrations.migrate(platform, owner, null);
        }
        List<CheckResult> results = new ArrayList<>();
        results.add(TrialRestore.rowCounts(source.manifest(), loaded));
        progress.step("checks");
        for (RestoreCheck check : checks) {
            results.add(TrialRestore.run(check, platform));
        }
        List<CheckResult> failed = results.stream().filter(r -> !r.passed()).toList();
        if (!failed.isEmpty()) {
            throw new IllegalStateException("Restored data failed its checks: " + failed);
        }
        return new Outcome(loaded.values().stream().mapToLong(Long::longValue).sum(),
                SchemaVersions.applied(migrations, platform), results);
    }
}
