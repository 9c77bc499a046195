package dev.pergola.backup.internal.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.backup.RestoreCheck;
import dev.pergola.api.backup.RestoreParticipant;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.SchemaMigrations;
import dev.pergola.api.platform.Installation;
import dev.pergola.api.platform.Maintenance;
import dev.pergola.backup.internal.BackupDto;
import dev.pergola.backup.internal.BackupSchedule;
import dev.pergola.backup.internal.CheckResult;
import dev.pergola.backup.internal.ManifestSummary;
import dev.pergola.backup.internal.NewBackup;
import dev.pergola.backup.internal.RestoreReport;
import dev.pergola.backup.internal.VerifyReport;
import dev.pergola.backup.internal.format.BackupReader;
import dev.pergola.backup.internal.format.BackupRefusedException;
import dev.pergola.backup.internal.format.Manifest;
import dev.pergola.backup.internal.format.WriteOptions;
import dev.pergola.backup.internal.store.BackupFolder;
import dev.pergola.backup.internal.store.BackupNames;
import dev.pergola.backup.internal.store.BackupNames.Kind;
import dev.pergola.backup.internal.store.InstallationFiles;

/**
 * The backup rules shared by REST, the shell and the schedule: list, create (in the background, one operation at a
 * time across nodes), import, delete, verify (checksums + trial restore) and restore (safety backup, maintenance,
 * participants, fallback). Every outcome is audited; progress is posted live.
 */
@Component(service = Backups.class, configurationPid = BackupConfig.PID)
@Designate(ocd = BackupConfig.class)
public class Backups {
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);
    static final String H2_DRIVER = "(" + DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "=org.h2.Driver)";

    private final DataSource dataSource;
    private final AuditTrail audit;
    private final BackupAudit records;
    private final Installation installation;
    private final String pergolaVersion;
    private final Path data;
    private final InstallationFiles files;
    private final OperationLock lock = new OperationLock();
    private final BackupStatus status = new BackupStatus();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "pergola-backup"));
    private final Clock clock = Clock.systemUTC();
    private volatile BackupConfig config;
    private volatile BackupFolder folder;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin events;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile SchemaMigrations migrations;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile Maintenance maintenance;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, target = H2_DRIVER)
    volatile DataSourceFactory h2;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigurationAdmin configAdmin;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile List<RestoreParticipant> participants;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile List<RestoreCheck> checks;

    @Activate
    public Backups(BundleContext context, @Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference AuditTrail audit, @Reference Installation installation, BackupConfig config) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.records = new BackupAudit(audit);
        this.installation = installation;
        this.pergolaVersion = String.valueOf(context.getBundle().getHeaders("").get("Pergola-Version"));
        this.data = Paths.get(property(context, "karaf.data", "data"));
        this.files = new InstallationFiles(Paths.get(property(context, "karaf.etc", "etc")), data);
        configure(config);
    }

    @Modified
    void configure(BackupConfig config) {
        this.config = config;
        this.folder = new BackupFolder(config.folder().isBlank() ? data.resolve("backups") : Paths.get(config.folder()));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(60, TimeUnit.SECONDS)) {
            worker.shutdownNow();
        }
    }

    public BackupConfig config() {
        return config;
    }

    /** Complete backups (newest first), then the ones being made or that failed recently. */
    public List<BackupDto> list() {
        return status.list(folder);
    }

    /** @throws PergolaException 422 for a bad name, 404 when there is no such backup */
    public BackupDto get(String name) {
        return status.get(folder, name);
    }

    /** The live progress of an operation on {@code name}, if one runs or ran recently. */
    public Optional<Progress> progress(String name) {
        return status.progress(name);
    }

    /** The file of a complete backup, for download. */
    public Path file(String name) {
        return folder.existing(name);
    }

    /** A backup being made in the background; {@code done} completes with the backup or its failure. */
    public record Started(String filename, CompletableFuture<BackupDto> done) {
    }

    public Started create(NewBackup request, Kind kind) {
        NewBackup options = request == null ? new NewBackup(null, null, null) : request;
        char[] passphrase = options.passphrase() == null || options.passphrase().isEmpty() ? null
                : options.passphrase().toCharArray();
        if (passphrase != null && passphrase.length < 8) {
            throw PergolaException.invalid("passphrase", "must have at least 8 characters");
        }
        Instant now = clock.instant();
        String name = BackupNames.generate(now, kind, passphrase != null,
                n -> folder.exists(n) || status.known(n));
        OperationLock.Held held = lock.acquire(dataSource, "create " + name);
        Progress progress = track(name, "create");
        AuditOrigin origin = audit.origin();
        CompletableFuture<BackupDto> done = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                try (held; AuditTrail.Binding b = audit.bind(origin)) {
                    done.complete(createNow(name, new WriteOptions(options.compress(), passphrase), options.uploads(),
                            kind, now, progress));
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            held.close();
            status.finished(name);
            throw PergolaException.unavailable("Backups are shutting down", Duration.ofSeconds(30));
        }
        return new Started(name, done);
    }

    private BackupDto createNow(String name, WriteOptions options, boolean uploads, Kind kind, Instant now,
            Progress progress) {
        try {
            Manifest manifest = creator().create(name, options, uploads, source(), now, progress);
            status.summary(name, ManifestSummary.of(manifest));
            progress.done();
            records.created(name, Files.size(folder.resolve(name)), options.encrypted(), kind.label());
            status.finished(name);
            return describe(name);
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.error("Backup {} failed", name, e);
            progress.failed(String.valueOf(e.getMessage()));
            records.failed(name, "create", String.valueOf(e.getMessage()));
            throw PergolaException.unavailable("The backup failed: " + e.getMessage(), null);
        }
    }

    /** Creates a backup and waits for it (the schedule and the safety backup before a restore). */
    public BackupDto createAndWait(NewBackup request, Kind kind) {
        Started started = create(request, kind);
        try {
            return started.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PergolaException.unavailable("Interrupted while waiting for the backup", null);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** @throws PergolaException 422 bad name, 404 none */
    public void delete(String name) {
        folder.existing(name);
        if (status.busy(name)) {
            throw PergolaException.conflict("The backup " + name + " is in use");
        }
        if (!folder.delete(name)) {
            throw PergolaException.notFound("No backup " + name);
        }
        status.forget(name);
        records.deleted(name);
    }

    /**
     * Stores an uploaded backup under a generated name: {@code .zip} when it starts like a ZIP, else
     * {@code .zip.enc}. Its checksums are checked by verify or restore, not here.
     */
    public BackupDto importFrom(InputStream body) {
        String name = new BackupImport(folder, config.import_max_mb()).store(body, (encrypted) -> BackupNames.generate(
                clock.instant(), Kind.IMPORTED, encrypted, n -> folder.exists(n) || status.known(n)));
        records.created(name, sizeOf(name), BackupNames.encrypted(name), Kind.IMPORTED.label());
        return describe(name);
    }

    /** Checksums, then a trial restore into a scratch H2 database and every restore check on it. */
    public VerifyReport verify(String name, char[] passphrase) {
        Path file = folder.existing(name);
        TrialRestore trial = new TrialRestore(require(h2, "the H2 driver"), require(migrations, "schema migrations"),
                data.resolve("tmp"));
        try (OperationLock.Held held = lock.acquire(dataSource, "verify " + name)) {
            Progress progress = track(name, "verify");
            List<CheckResult> results = new ArrayList<>();
            ManifestSummary summary = null;
            try {
                Manifest manifest = checksums(file, passphrase, progress, results);
                if (manifest != null) {
                    summary = ManifestSummary.of(manifest);
                    status.summary(name, summary);
                    List<String> newer = SchemaVersions.newerThanHere(manifest.schemaVersions(), migrations.available());
                    results.add(new CheckResult("schema-versions", newer.isEmpty(),
                            newer.isEmpty() ? "no schema is newer than this node's" : String.join("; ", newer)));
                    if (newer.isEmpty()) {
                        results.addAll(trial.run(file, passphrase, manifest, snapshot(checks), progress));
                    }
                }
                VerifyReport report = VerifyReport.of(name, results, summary);
                progress.done();
                records.verified(name, report.valid());
                return report;
            } catch (IOException | SQLException | BackupRefusedException | RuntimeException e) {
                LOG.error("Verification of {} failed", name, e);
                progress.failed(String.valueOf(e.getMessage()));
                records.failed(name, "verify", String.valueOf(e.getMessage()));
                throw e instanceof PergolaException p ? p
                        : PergolaException.unavailable("The verification could not run: " + e.getMessage(), null);
            } finally {
                status.finished(name);
            }
        }
    }

    private static Manifest checksums(Path file, char[] passphrase, Progress progress, List<CheckResult> results)
            throws IOException {
        long size = Files.size(file);
        progress.step("checksums");
        try {
            Manifest m = BackupReader.verify(file, passphrase, bytes -> progress.advance(0, 20, bytes, size));
            results.add(new CheckResult("checksums", true, m.tables().size() + " tables and " + m.files().size()
                    + " files match the manifest"));
            return m;
        } catch (BackupRefusedException e) {
            results.add(new CheckResult("checksums", false, e.code() + ": " + e.getMessage()));
            return null;
        }
    }

    /**
     * Replaces this installation's data by the backup: verified first (refused: nothing changes), then a safety
     * backup, maintenance, the restore, the checks; on failure the safety backup is put back.
     */
    public RestoreReport restore(String name, char[] passphrase) {
        Path file = folder.existing(name);
        SchemaMigrations schema = require(migrations, "schema migrations");
        Maintenance mode = require(maintenance, "maintenance mode");
        try (OperationLock.Held held = lock.acquire(dataSource, "restore " + name)) {
            Progress progress = track(name, "restore");
            try {
                progress.step("checksums");
                long size = Files.size(file);
                Manifest manifest = refusing(() -> BackupReader.verify(file, passphrase,
                        bytes -> progress.advance(0, 10, bytes, size)));
                List<String> newer = SchemaVersions.newerThanHere(manifest.schemaVersions(), schema.available());
                if (!newer.isEmpty()) {
                    throw PergolaException.conflict("The backup comes from a newer schema: "
                            + String.join("; ", newer) + ". Upgrade this installation first.");
                }
                progress.step("safety backup");
                Instant now = clock.instant();
                String safetyName = BackupNames.generate(now, Kind.SAFETY, false,
                        n -> folder.exists(n) || status.known(n));
                BackupDto safety = createNow(safetyName, new WriteOptions(true, null), true, Kind.SAFETY, now,
                        track(safetyName, "create"));
                Path safetyFile = folder.resolve(safety.filename());
                Manifest safetyManifest = refusing(() -> BackupReader.verify(safetyFile, null, b -> {
                }));
                progress.set(20);
                RestoreRunner.Outcome outcome = new RestoreRunner(dataSource, schema, files).run(mode,
                        "Restoring backup " + name, new RestoreRunner.Source(file, passphrase, manifest),
                        new RestoreRunner.Source(safetyFile, null, safetyManifest),
                        snapshot(participants), snapshot(checks), progress);
                progress.done();
                records.restored(name, safety.filename(), outcome.rows());
                return new RestoreReport(name, "restored", safety.filename(), outcome.rows(),
                        outcome.schemaVersions(), outcome.checks());
            } catch (PergolaException e) {
                progress.failed(e.getMessage());
                recordFailure(name, "restore", e.getMessage());
                throw e;
            } catch (Exception e) {
                LOG.error("Restore of {} failed", name, e);
                progress.failed(String.valueOf(e.getMessage()));
                recordFailure(name, "restore", String.valueOf(e.getMessage()));
                throw PergolaException.unavailable("The restore failed and the previous data was put back: "
                        + e.getMessage(), null);
            } finally {
                status.finished(name);
            }
        }
    }

    private void recordFailure(String name, String operation, String error) {
        try {
            records.failed(name, operation, error);
        } catch (RuntimeException e) {
            LOG.error("Cannot record the failed {} of {}", operation, name, e);
        }
    }

    /** A file refused by the format library becomes a 422 naming why (nothing has changed yet). */
    private static Manifest refusing(ManifestSource source) throws IOException {
        try {
            return source.get();
        } catch (BackupRefusedException e) {
            throw new PergolaException(PergolaException.VALIDATION, "The backup is refused: " + e.getMessage(),
                    Map.of("backup", List.of(e.code() + ": " + e.getMessage())), Map.of("reason", e.code()));
        }
    }

    private interface ManifestSource {
        Manifest get() throws IOException, BackupRefusedException;
    }

    public BackupSchedule schedule() {
        return ScheduleSettings.of(config, clock.instant());
    }

    /** Changes the schedule (stored in the configuration {@value BackupConfig#PID}). */
    public BackupSchedule schedule(BackupSchedule change) {
        return ScheduleSettings.change(require(configAdmin, "configuration admin"), config, change);
    }

    /** Names of the complete backups (shell completion, retention). */
    public List<String> names() {
        return folder.names();
    }

    private BackupCreator creator() {
        return new BackupCreator(dataSource, folder, files);
    }

    private BackupCreator.Source source() throws SQLException {
        return new BackupCreator.Source(pergolaVersion, installation.id(),
                SchemaVersions.applied(migrations, dataSource));
    }

    private Progress track(String name, String operation) {
        return status.track(name, operation, clock.instant(), this::announce);
    }

    private void announce(Progress p) {
        try {
            ProgressEvents.post(events, p, clock);
        } catch (RuntimeException e) {
            LOG.debug("Cannot post backup progress", e);
        }
    }

    private BackupDto describe(String name) {
        return status.describe(folder, name);
    }

    private long sizeOf(String name) {
        return BackupStatus.size(folder, name);
    }

    private static <T> List<T> snapshot(List<T> services) {
        return services == null ? List.of() : List.copyOf(services);
    }

    private static <T> T require(T service, String what) {
        if (service == null) {
            throw PergolaException.unavailable("Backups cannot do this now: " + what + " is not available",
                    Duration.ofSeconds(30));
        }
        return service;
    }

    private static String property(BundleContext context, String key, String fallback) {
        String value = context.getProperty(key);
        return value == null ? fallback : value;
    }
}
