package dev.pergola.plugins.internal.service;

import dev.pergola.api.errors.PergolaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.plugins.DiscoveryResult;
import dev.pergola.api.plugins.InstallOptions;
import dev.pergola.api.plugins.PluginInfo;
import dev.pergola.api.plugins.Plugins;
import dev.pergola.api.plugins.UpdateResult;
import dev.pergola.plugins.internal.artifact.ArchiveLimits;
import dev.pergola.plugins.internal.artifact.ArtifactInspector;
import dev.pergola.plugins.internal.artifact.ArtifactStore;
import dev.pergola.plugins.internal.artifact.Inspection;
import dev.pergola.plugins.internal.artifact.SignatureCheck;
import dev.pergola.plugins.internal.artifact.UrlDownloads;
import dev.pergola.plugins.internal.framework.BoundedStarts;
import dev.pergola.plugins.internal.framework.PluginBundles;
import dev.pergola.plugins.internal.framework.PluginStartException;
import dev.pergola.plugins.internal.store.PluginEntity;
import dev.pergola.plugins.internal.store.PluginRegistry;
import dev.pergola.plugins.internal.store.PluginSnapshot;

/**
 * The plugin manager. Changes to the framework and the registry run one at a time under the plugin lock (they are
 * rare and each must see the framework as the previous one left it); each validates first, changes the framework,
 * then records the outcome in the registry together with its audit record (which the audit trail announces as the
 * {@code plugin.*} event once committed). Failures leave the framework as it was.
 * <p>A plugin's start is plugin code, so it never runs under the lock nor on the caller's thread: {@link BoundedStarts}
 * runs it and gives up after {@code start.timeout.seconds}. Waits for the lock are bounded too, so a request answers
 * (with 503 and Retry-After) rather than queueing behind another and being applied after its client gave up.
 */
@Component(service = {Plugins.class, PluginService.class}, configurationPid = "dev.pergola.plugins")
@Designate(ocd = PluginsConfig.class)
public class PluginService implements Plugins {
    private static final Logger LOG = LoggerFactory.getLogger(PluginService.class);
    /** How long an operation waits for another to finish before answering 503 (plugin starts never hold the lock). */
    private static final long LOCK_WAIT_SECONDS = 15;

    private final PluginRegistry registry;
    private final PluginBundles bundles;
    private final PluginInsight insight;
    private final ArtifactStore store;
    private final PluginsConfig config;
    private final boolean safeMode;
    private final Path deployDir;
    private final Path signers;
    private final PluginRecords records;
    private final AuditTrail audit;
    private final PluginUpdater updater;
    private final PluginReconciler reconciler;
    private final UrlDownloads downloads;
    private final ArchiveLimits limits;
    private final ReentrantLock lock = new ReentrantLock();
    private final BoundedStarts starts;
    /** False until the reconciliation at start has run: until then the node is not ready. */
    private volatile boolean reconciled;
    /** Runs the reconciliation at start; a daemon, stopped (bounded wait) by {@link #deactivate}. */
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pergola-plugins-reconcile");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public PluginService(BundleContext context, @Reference PluginRegistry registry, @Reference PluginBundles bundles,
            @Reference AuditTrail audit, @Reference PluginInsight insight, @Reference ExitCallWeaver weaver,
            PluginsConfig config) {
        // the weaver is referenced so that it is in place before any plugin class loads (the reconciliation below)
        this.registry = registry;
        this.bundles = bundles;
        this.insight = insight;
        this.config = config;
        this.safeMode = SafeMode.on(System.getenv(), context.getProperty(SafeMode.PROPERTY));
        String data = context.getProperty("karaf.data");
        this.store = new ArtifactStore(Paths.get(data == null ? "data" : data, "plugins"));
        String etc = context.getProperty("karaf.etc");
        this.signers = config.signature_signers().isBlank() ? Paths.get(etc == null ? "etc" : etc, "pergola-plugin-signers.pem")
                : Paths.get(config.signature_signers());
        String base = context.getProperty("karaf.base");
        this.deployDir = config.deploy_dir().isBlank() ? Paths.get(base == null ? "." : base, "deploy")
                : Paths.get(config.deploy_dir());
        this.limits = new ArchiveLimits(config.archive_max_entries(), config.archive_max_inflated_bytes(),
                ArchiveLimits.MANIFEST_BYTES);
        this.downloads = new UrlDownloads(Arrays.asList(config.url_schemes()), config.upload_max_bytes(),
                UrlDownloads.URL_HANDLERS);
        this.audit = audit;
        this.records = new PluginRecords(registry, bundles, store, safeMode);
        this.starts = new BoundedStarts(bundles);
        this.updater = new PluginUpdater(records, (slug, bundle) -> starts.start(slug, bundle, config.start_settle_ms(),
                config.start_timeout_seconds()));
        this.reconciler = new PluginReconciler(records, starts);
        if (safeMode) {
            LOG.warn("SAFE MODE: no plugin will be started; the stored plugin states are kept for a normal start");
        }
        background.execute(() -> {
            // what the reconciliation at start records (a plugin that fails to start) is the platform's doing
            try (AuditTrail.Binding platform = audit.bind(AuditOrigin.SYSTEM)) {
                int leftovers = store.cleanIncoming();
                if (leftovers > 0) {
                    LOG.info("Deleted {} unfinished upload(s) from the plugin store's incoming folder", leftovers);
                }
                List<String> changes = reconcile();
                if (!changes.isEmpty()) {
                    LOG.info("Plugins reconciled: {}", String.join("; ", changes));
                }
            } catch (RuntimeException e) {
                LOG.error("Reconciling plugins at start failed", e);
            } finally {
                reconciled = true;
            }
        });
    }

    /** Stops the reconciliation and waits for it (bounded); never waits for a plugin's stuck start (its thread is a daemon). */
    @Deactivate
    void deactivate() throws InterruptedException {
        background.shutdownNow();
        starts.interruptStuck();
        starts.close();
        if (!background.awaitTermination(config.start_timeout_seconds() + 5L, TimeUnit.SECONDS)) {
            LOG.warn("The plugin reconciliation did not stop within {} s; leaving it (a daemon thread)",
                    config.start_timeout_seconds() + 5);
        }
    }

    /** Whether the reconciliation at start is done (readiness waits for it). */
    public boolean reconciledOnce() {
        return reconciled;
    }

    @Override
    public boolean safeMode() {
        return safeMode;
    }

    @Override
    public List<PluginInfo> list() {
        return registry.all().stream().map(this::view).toList();
    }

    @Override
    public PluginInfo get(String slug) {
        return view(entity(slug));
    }

    @Override
    public dev.pergola.api.plugins.PluginDetails details(String slug) {
        PluginEntity p = entity(slug);
        return insight.details(view(p), bundles.find(slug).orElse(null));
    }

    // ---- install -----------------------------------------------------------------------------------------

    @Override
    public PluginInfo install(String url, InstallOptions options) {
        Path file = download(url);
        try {
            return install(file, options);
        } finally {
            ArtifactStore.deleteQuietly(file);
        }
    }

    @Override
    public PluginInfo install(Path artifact, InstallOptions options) {
        Inspection plugin = ArtifactInspector.inspect(artifact, limits);
        checkSignature(artifact);
        PluginInfo installed = locked(() -> {
            refuseCoreNames(plugin);
            registry.find(plugin.slug()).ifPresent(p -> {
                throw PergolaException.conflict("A plugin '" + p.slug + "' is installed already (version " + p.version
                        + "); update it instead.");
            });
            registry.bySymbolicName(plugin.symbolicName()).ifPresent(p -> {
                throw PergolaException.conflict("The plugin '" + p.slug + "' already has the symbolic name "
                        + plugin.symbolicName() + ".");
            });
            for (String name : plugin.bundles()) {
                bundles.bySymbolicName(name).ifPresent(b -> {
                    throw PergolaException.conflict("A bundle named " + name + " is already installed ("
                            + (PluginBundles.isPlugin(b) ? "plugin " + PluginBundles.slugOf(b) : "a core bundle")
                            + ", id " + b.getBundleId() + ").");
                });
            }
            ArtifactStore.Stored stored = store.put(artifact);
            Bundle bundle;
            try {
                bundle = bundles.install(plugin.slug(), stored.path());
            } catch (BundleException e) {
                records.forgetArtifact(stored.checksum());
                throw ArtifactInspector.refuse("The framework refused the bundle: " + e.getMessage());
            }
            Optional<String> unresolved = bundles.resolve(bundle);
            if (unresolved.isPresent()) {
                bundles.discard(bundle);
                records.forgetArtifact(stored.checksum());
                throw ArtifactInspector.refuse(plugin.symbolicName() + " " + plugin.version() + " cannot be installed: "
                        + unresolved.get() + ". Install what provides it first.");
            }
            PluginEntity p = new PluginEntity();
            p.slug = plugin.slug();
            p.symbolicName = plugin.symbolicName();
            p.version = plugin.version().toString();
            p.name = plugin.name();
            p.description = plugin.description();
            p.vendor = plugin.vendor();
            p.checksum = stored.checksum();
            p.size = stored.size();
            p.enabled = false;
            p.state = "disabled";
            p.installedAt = PluginRecords.now();
            p.installedBy = options.actor();
            p.updatedAt = p.installedAt;
            p.updatedBy = options.actor();
            try {
                registry.insert(p, PluginAudit.installed());
            } catch (RuntimeException e) { // no row, no record: the framework and the store go back as they were
                bundles.discard(bundle);
                records.forgetArtifact(stored.checksum());
                throw e;
            }
            LOG.info("Plugin {} {} installed by {}", p.slug, p.version, options.actor());
            return view(p);
        });
        if (options.enable() && !safeMode) {
            try {
                return enable(installed.slug(), false, options.actor());
            } catch (PergolaException e) {
                // installed all the same: the caller sees the state ("failed", or "disabled" when e.g. a plugin it
                // needs is disabled) and, in last_error, why it is not running
                if (!PergolaException.PLUGIN_FAILED.equals(e.code())) {
                    registry.change(installed.slug(), r -> r.lastError = PluginRecords.truncate(e.getMessage()));
                }
                return get(installed.slug());
            }
        }
        return installed;
    }

    // ---- enable / disable -------------------------------------------------------------------------------

    @Override
    public PluginInfo enable(String slug, boolean cascade, String actor) {
        List<String> needed = locked(() -> {
            refuseInSafeMode("enable");
            PluginEntity p = entity(slug);
            refuseWhileStarting(slug, "enabled");
            List<String> disabled = new ArrayList<>();
            for (Bundle provider : bundles.providers(records.bundleOf(p))) {
                PluginEntity n = registry.find(PluginBundles.slugOf(provider)).orElse(null);
                if (n != null && !n.enabled) {
                    if (!cascade) {
                        throw PergolaException.conflict("'" + slug + "' needs the plugin '" + n.slug
                                + "', which is disabled. Enable it first, or pass cascade=true.");
                    }
                    disabled.add(n.slug);
                }
            }
            return disabled;
        });
        for (String provider : needed) {
            enable(provider, true, actor);
        }
        Bundle bundle = locked(() -> {
            refuseWhileStarting(slug, "enabled");
            return records.bundleOf(entity(slug));
        });
        try {
            starts.start(slug, bundle, config.start_settle_ms(), config.start_timeout_seconds());
        } catch (PluginStartException e) {
            locked(() -> {
                registry.change(slug, r -> {
                    r.enabled = true;
                    r.state = "failed";
                    r.lastError = PluginRecords.truncate(e.getMessage());
                    r.updatedAt = PluginRecords.now();
                    r.updatedBy = actor;
                }, PluginAudit.failed(e.getMessage()));
                return null;
            });
            LOG.warn("Plugin {} failed to start: {}", slug, e.getMessage());
            throw new PergolaException("PLUGIN_FAILED", "The plugin '" + slug + "' failed to start: "
                    + e.getMessage(), Map.of("cause", List.of(e.getMessage())), Map.of());
        }
        return locked(() -> settle(slug, true, actor));
    }

    @Override
    public PluginInfo disable(String slug, boolean cascade, String actor) {
        return locked(() -> {
            entity(slug);
            if (starts.stuck(slug)) {
                // its bundle is held by a start that never returned: the start's thread stops it if it ever does
                return settle(slug, false, actor);
            }
            refuseWhileStarting(slug, "disabled");
            Optional<Bundle> bundle = bundles.find(slug);
            if (bundle.isPresent()) {
                List<PluginEntity> needing = records.dependants(bundle.get()).stream().filter(d -> d.enabled).toList();
                if (!needing.isEmpty() && !cascade) {
                    throw PergolaException.conflict("Enabled plugins need '" + slug + "': " + slugs(needing)
                            + ". Disable them first, or pass cascade=true.");
                }
                for (PluginEntity d : needing) {
                    disable(d.slug, true, actor);
                }
                try {
                    bundles.stop(bundle.get());
                } catch (BundleException e) {
                    LOG.warn("Stopping plugin {} raised {}", slug, e.toString());
                }
            }
            return settle(slug, false, actor);
        });
    }

    /** Records a successful enable or disable (one audit record, which announces it once committed). */
    private PluginInfo settle(String slug, boolean enabled, String actor) {
        PluginEntity saved = registry.change(slug, r -> {
            r.enabled = enabled;
            r.state = enabled ? "active" : "disabled";
            r.lastError = null;
            r.updatedAt = PluginRecords.now();
            r.updatedBy = actor;
        }, enabled ? PluginAudit.enabled() : PluginAudit.disabled());
        return view(saved);
    }

    // ---- update -------------------------------------------------------------------------------------------

    @Override
    public UpdateResult update(String slug, String url, InstallOptions options) {
        Path file = download(url);
        try {
            return update(slug, file, options);
        } finally {
            ArtifactStore.deleteQuietly(file);
        }
    }

    @Override
    public UpdateResult update(String slug, Path artifact, InstallOptions options) {
        Inspection next = ArtifactInspector.inspect(artifact, limits);
        checkSignature(artifact);
        return locked(() -> {
            refuseInSafeMode("update");
            refuseWhileStarting(slug, "updated");
            return updater.update(slug, next, artifact, options);
        });
    }

    // ---- uninstall ------------------------------------------------------------------------------------------

    @Override
    public void uninstall(String slug, boolean purge, boolean cascade, String actor) {
        locked(() -> {
            PluginEntity p = entity(slug);
            refuseWhileStarting(slug, "uninstalled");
            Optional<Bundle> bundle = bundles.find(slug);
            if (bundle.isPresent()) {
                List<PluginEntity> needing = records.dependants(bundle.get());
                if (!needing.isEmpty() && !cascade) {
                    throw PergolaException.conflict("Other plugins need '" + slug + "': " + slugs(needing)
                            + ". Uninstall them first, or pass cascade=true to uninstall them too.");
                }
                for (PluginEntity d : needing) {
                    uninstall(d.slug, purge, true, actor);
                }
                List<String> core = bundles.coreBundlesRestartedBy(List.of(bundle.get()));
                if (!core.isEmpty()) {
                    throw PergolaException.conflict("Uninstalling '" + slug + "' would restart core bundles ("
                            + String.join(", ", core) + "), which plugin operations never do.");
                }
                if (purge) {
                    insight.purgeConfiguration(bundle.get());
                }
                bundles.discard(bundle.get());
            }
            registry.delete(slug, PluginAudit.uninstalled(purge));
            records.forgetArtifact(p.checksum);
            records.forgetArtifact(p.previousChecksum);
            LOG.info("Plugin {} uninstalled by {}{}", slug, actor, purge ? " (configuration purged)" : "");
            return null;
        });
    }

    // ---- configuration --------------------------------------------------------------------------------------

    @Override
    public List<dev.pergola.api.plugins.PluginConfiguration> configuration(String slug) {
        entity(slug);
        return insight.configuration(bundleOrConflict(slug));
    }

    @Override
    public dev.pergola.api.plugins.ConfigurationUpdate configure(String slug, String pid, Map<String, Object> values, String actor) {
        PluginSnapshot plugin = PluginSnapshot.of(entity(slug));
        // Config Admin is not the database: the record gets a transaction of its own, and if it cannot be written
        // the previous configuration is put back
        var result = insight.configure(bundleOrConflict(slug), pid, values, (before, after) -> audit.record(
                PluginAudit.configured(plugin, pid, ConfigSecrets.masked(before), ConfigSecrets.masked(after))));
        LOG.info("Configuration {} of plugin {} changed by {}", pid, slug, actor);
        return result;
    }

    // ---- discovery and reconciliation ----------------------------------------------------------------------

    @Override
    public List<DiscoveryResult> discover(String actor) {
        List<DiscoveryResult> results = new ArrayList<>();
        if (!Files.isDirectory(deployDir)) {
            return results;
        }
        List<Path> jars;
        try (var files = Files.list(deployDir)) {
            jars = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + deployDir + ": " + e.getMessage(), e);
        }
        for (Path jar : jars) {
            String file = jar.getFileName().toString();
            try {
                Inspection found = ArtifactInspector.inspect(jar, limits);
                Optional<PluginEntity> existing = registry.find(found.slug());
                if (existing.isEmpty()) {
                    install(jar, new InstallOptions(true, false, actor));
                    results.add(new DiscoveryResult(file, "installed", found.slug(), get(found.slug()).state().apiName()));
                } else if (Version.parseVersion(existing.get().version).compareTo(found.version()) < 0) {
                    UpdateResult r = update(found.slug(), jar, new InstallOptions(false, false, actor));
                    results.add(new DiscoveryResult(file, "updated", found.slug(), r.oldVersion() + " -> " + r.newVersion()));
                } else {
                    results.add(new DiscoveryResult(file, "unchanged", found.slug(), "version " + existing.get().version
                            + " is installed"));
                }
            } catch (PergolaException e) {
                results.add(new DiscoveryResult(file, "skipped", null, e.getMessage()));
            }
        }
        return results;
    }

    /** Installs and resolves everything under the lock, then starts (bounded, unlocked) providers first. */
    @Override
    public List<String> reconcile() {
        PluginReconciler.Plan plan = locked(reconciler::plan);
        List<String> changes = new ArrayList<>(plan.changes());
        plan.starts().forEach((slug, bundle) -> {
            try {
                starts.start(slug, bundle, config.start_settle_ms(), config.start_timeout_seconds());
                locked(() -> {
                    reconciler.started(slug, changes);
                    return null;
                });
            } catch (PluginStartException e) {
                locked(() -> {
                    reconciler.failed(slug, e.getMessage(), changes);
                    return null;
                });
            }
        });
        return changes;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private Bundle bundleOrConflict(String slug) {
        return bundles.find(slug).orElseThrow(() -> PergolaException.conflict("The plugin '" + slug
                + "' is not installed in the framework right now; reconcile first."));
    }

    private Path download(String url) {
        Path file = store.newIncomingFile();
        try {
            downloads.download(url, file);
            return file;
        } catch (RuntimeException e) {
            ArtifactStore.deleteQuietly(file);
            throw e;
        }
    }

    public long uploadLimit() {
        return config.upload_max_bytes();
    }

    public Path newIncomingFile() {
        return store.newIncomingFile();
    }

    private PluginEntity entity(String slug) {
        return records.entity(slug);
    }

    private PluginInfo view(PluginEntity p) {
        return records.view(p);
    }

    /** When the installation requires signed plugins: every bundle signed by a trusted signer, or 422. */
    private void checkSignature(Path artifact) {
        if (!config.signature_required()) {
            return;
        }
        SignatureCheck check;
        try {
            check = SignatureCheck.fromPem(signers);
        } catch (IllegalStateException e) {
            throw PergolaException.conflict(e.getMessage() + " (settings signature.required / signature.signers of"
                    + " dev.pergola.plugins).");
        }
        check.verify(artifact);
    }

    /** A plugin never takes a symbolic name of the platform's own (see {@link PluginBundles#coreNameClash}). */
    static void refuseCoreNames(PluginBundles bundles, Inspection plugin) {
        bundles.coreNameClash(plugin.bundles()).ifPresent(name -> {
            throw ArtifactInspector.refuse("The symbolic name " + name + " belongs to the platform; a plugin needs a"
                    + " symbolic name of its own.");
        });
    }

    private void refuseCoreNames(Inspection plugin) {
        refuseCoreNames(bundles, plugin);
    }

    private void refuseInSafeMode(String what) {
        if (safeMode) {
            throw PergolaException.conflict("Pergola runs in safe mode (pergola.safemode): plugins cannot " + what
                    + " until it restarts normally.");
        }
    }

    /** A start of this plugin is under way or stuck: its bundle is held by plugin code, so it cannot be changed now. */
    private void refuseWhileStarting(String slug, String what) {
        if (starts.busy(slug)) {
            throw PergolaException.conflict("The plugin '" + slug + "' is " + (starts.stuck(slug)
                    ? "stuck in its start (it did not return within " + config.start_timeout_seconds() + " s)"
                    : "starting") + "; it cannot be " + what + " until its start returns (or after a restart).");
        }
    }

    /** Runs the operation under the plugin lock, waiting for it a bounded time (then 503, try again). */
    private <T> T locked(Supplier<T> operation) {
        long waitSeconds = LOCK_WAIT_SECONDS;
        try {
            if (!lock.tryLock(waitSeconds, TimeUnit.SECONDS)) {
                throw PergolaException.unavailable("Another plugin operation is still running; try again shortly.",
                        Duration.ofSeconds(waitSeconds));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PergolaException.unavailable("Interrupted while waiting for another plugin operation.",
                    Duration.ofSeconds(waitSeconds));
        }
        try {
            return operation.get();
        } finally {
            lock.unlock();
        }
    }

    private static String slugs(List<PluginEntity> plugins) {
        return String.join(", ", plugins.stream().map(p -> p.slug).toList());
    }
}
