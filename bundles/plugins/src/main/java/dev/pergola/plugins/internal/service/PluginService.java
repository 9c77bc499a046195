package dev.pergola.plugins.internal.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.plugins.DiscoveryResult;
import dev.pergola.api.plugins.InstallOptions;
import dev.pergola.api.plugins.PluginEvents;
import dev.pergola.api.plugins.PluginInfo;
import dev.pergola.api.plugins.Plugins;
import dev.pergola.api.plugins.UpdateResult;
import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.plugins.internal.artifact.ArtifactInspector;
import dev.pergola.plugins.internal.artifact.ArtifactStore;
import dev.pergola.plugins.internal.artifact.Inspection;
import dev.pergola.plugins.internal.framework.PluginBundles;
import dev.pergola.plugins.internal.framework.PluginStartException;
import dev.pergola.plugins.internal.store.PluginEntity;
import dev.pergola.plugins.internal.store.PluginRegistry;

/**
 * The plugin manager. Operations run one at a time (they are rare and each must see the framework as the
 * previous one left it); each validates first, changes the framework, then records the outcome and posts an
 * event. Failures leave the framework as it was.
 */
@Component(service = {Plugins.class, PluginService.class}, configurationPid = "dev.pergola.plugins")
@Designate(ocd = PluginsConfig.class)
public class PluginService implements Plugins {
    private static final Logger LOG = LoggerFactory.getLogger(PluginService.class);

    private final PluginRegistry registry;
    private final PluginBundles bundles;
    private final EventAdmin events;
    private final PluginInsight insight;
    private final ArtifactStore store;
    private final PluginsConfig config;
    private final boolean safeMode;
    private final Path deployDir;
    private final ReentrantLock lock = new ReentrantLock();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> new Thread(r, "pergola-plugins"));

    @Activate
    public PluginService(BundleContext context, @Reference PluginRegistry registry, @Reference PluginBundles bundles,
            @Reference EventAdmin events, @Reference PluginInsight insight, PluginsConfig config) {
        this.registry = registry;
        this.bundles = bundles;
        this.events = events;
        this.insight = insight;
        this.config = config;
        this.safeMode = SafeMode.on(System.getenv(), context.getProperty(SafeMode.PROPERTY));
        String data = context.getProperty("karaf.data");
        this.store = new ArtifactStore(Paths.get(data == null ? "data" : data, "plugins"));
        String base = context.getProperty("karaf.base");
        this.deployDir = config.deploy_dir().isBlank() ? Paths.get(base == null ? "." : base, "deploy")
                : Paths.get(config.deploy_dir());
        if (safeMode) {
            LOG.warn("SAFE MODE: no plugin will be started; the stored plugin states are kept for a normal start");
        }
        background.execute(() -> {
            try {
                List<String> changes = reconcile();
                if (!changes.isEmpty()) {
                    LOG.info("Plugins reconciled: {}", String.join("; ", changes));
                }
            } catch (RuntimeException e) {
                LOG.error("Reconciling plugins at start failed", e);
            }
        });
    }

    @Deactivate
    void deactivate() {
        background.shutdownNow();
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
    public Map<String, Object> details(String slug) {
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
        Inspection plugin = ArtifactInspector.inspect(artifact);
        PluginInfo installed = locked(() -> {
            registry.find(plugin.slug()).ifPresent(p -> {
                throw ApiException.conflict("A plugin '" + p.slug + "' is installed already (version " + p.version
                        + "); update it instead.");
            });
            registry.bySymbolicName(plugin.symbolicName()).ifPresent(p -> {
                throw ApiException.conflict("The plugin '" + p.slug + "' already has the symbolic name "
                        + plugin.symbolicName() + ".");
            });
            bundles.bySymbolicName(plugin.symbolicName()).ifPresent(b -> {
                throw ApiException.conflict("A bundle named " + plugin.symbolicName() + " is already installed ("
                        + (PluginBundles.isPlugin(b) ? "plugin " + PluginBundles.slugOf(b) : "a core bundle")
                        + ", id " + b.getBundleId() + ").");
            });
            ArtifactStore.Stored stored = store.put(artifact);
            Bundle bundle;
            try {
                bundle = bundles.install(plugin.slug(), stored.path());
            } catch (BundleException e) {
                forgetArtifact(stored.checksum());
                throw ArtifactInspector.refuse("The framework refused the bundle: " + e.getMessage());
            }
            Optional<String> unresolved = bundles.resolve(bundle);
            if (unresolved.isPresent()) {
                uninstallQuietly(bundle);
                forgetArtifact(stored.checksum());
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
            p.installedAt = now();
            p.installedBy = options.actor();
            p.updatedAt = p.installedAt;
            p.updatedBy = options.actor();
            registry.insert(p);
            post(PluginEvents.INSTALLED, p, options.actor(), null);
            LOG.info("Plugin {} {} installed by {}", p.slug, p.version, options.actor());
            return view(p);
        });
        if (options.enable() && !safeMode) {
            try {
                return enable(installed.slug(), false, options.actor());
            } catch (ApiException e) {
                if (e.code() != ErrorCode.PLUGIN_FAILED) {
                    throw e;
                }
                return get(installed.slug()); // installed, but failed to start: the caller sees state "failed"
            }
        }
        return installed;
    }

    // ---- enable / disable -------------------------------------------------------------------------------

    @Override
    public PluginInfo enable(String slug, boolean cascade, String actor) {
        return locked(() -> {
            refuseInSafeMode("enable");
            PluginEntity p = entity(slug);
            Bundle bundle = ensureInstalled(p);
            for (Bundle provider : bundles.providers(bundle)) {
                PluginEntity needed = registry.find(PluginBundles.slugOf(provider)).orElse(null);
                if (needed != null && !needed.enabled) {
                    if (!cascade) {
                        throw ApiException.conflict("'" + slug + "' needs the plugin '" + needed.slug
                                + "', which is disabled. Enable it first, or pass cascade=true.");
                    }
                    enable(needed.slug, true, actor);
                }
            }
            try {
                bundles.start(bundle, config.start_settle_ms());
            } catch (PluginStartException e) {
                registry.change(slug, r -> {
                    r.enabled = true;
                    r.state = "failed";
                    r.lastError = truncate(e.getMessage());
                    r.updatedAt = now();
                    r.updatedBy = actor;
                });
                post(PluginEvents.FAILED, p, actor, e.getMessage());
                LOG.warn("Plugin {} failed to start: {}", slug, e.getMessage());
                throw new ApiException(ErrorCode.PLUGIN_FAILED, "The plugin '" + slug + "' failed to start: "
                        + e.getMessage(), Map.of("cause", List.of(e.getMessage())), Map.of());
            }
            return settle(slug, true, actor);
        });
    }

    @Override
    public PluginInfo disable(String slug, boolean cascade, String actor) {
        return locked(() -> {
            PluginEntity p = entity(slug);
            Optional<Bundle> bundle = bundles.find(slug);
            if (bundle.isPresent()) {
                List<PluginEntity> needing = dependants(bundle.get()).stream().filter(d -> d.enabled).toList();
                if (!needing.isEmpty() && !cascade) {
                    throw ApiException.conflict("Enabled plugins need '" + slug + "': " + slugs(needing)
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

    /** Records a successful enable or disable and announces it. */
    private PluginInfo settle(String slug, boolean enabled, String actor) {
        PluginEntity saved = registry.change(slug, r -> {
            r.enabled = enabled;
            r.state = enabled ? "active" : "disabled";
            r.lastError = null;
            r.updatedAt = now();
            r.updatedBy = actor;
        });
        post(enabled ? PluginEvents.ENABLED : PluginEvents.DISABLED, saved, actor, null);
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
        Inspection next = ArtifactInspector.inspect(artifact);
        return locked(() -> {
            refuseInSafeMode("update");
            PluginEntity p = entity(slug);
            if (!next.slug().equals(slug)) {
                throw ArtifactInspector.refuse("The file is the plugin '" + next.slug() + "', not '" + slug + "'.");
            }
            if (!next.symbolicName().equals(p.symbolicName)) {
                throw ArtifactInspector.refuse("The file's symbolic name is " + next.symbolicName() + "; '" + slug
                        + "' is " + p.symbolicName + ". Install it as a separate plugin.");
            }
            Version current = Version.parseVersion(p.version);
            if (next.version().compareTo(current) < 0 && !options.force()) {
                throw ArtifactInspector.refuse("This would downgrade '" + slug + "' from " + current + " to "
                        + next.version() + "; pass force=true to do it anyway.");
            }
            ArtifactStore.Stored stored = store.put(artifact);
            if (stored.checksum().equals(p.checksum)) {
                return new UpdateResult(view(p), p.version, p.version);
            }
            Bundle bundle = ensureInstalled(p);
            List<String> core = bundles.coreBundlesRestartedBy(List.of(bundle));
            if (!core.isEmpty()) {
                forgetArtifact(stored.checksum());
                throw ApiException.conflict("Updating '" + slug + "' would restart core bundles (" + String.join(", ", core)
                        + "), which plugin operations never do.");
            }
            try {
                replace(bundle, stored.path(), p.enabled);
            } catch (PluginStartException e) {
                String rollback = rollBack(bundle, p);
                String message = "Updating '" + slug + "' to " + next.version() + " failed: " + e.getMessage() + ". "
                        + rollback;
                registry.change(slug, r -> r.lastError = truncate(message));
                forgetArtifact(stored.checksum());
                post(PluginEvents.FAILED, p, options.actor(), message);
                LOG.warn(message);
                throw new ApiException(ErrorCode.PLUGIN_FAILED, message, Map.of("cause", List.of(e.getMessage())),
                        Map.of("rolled_back_to", p.version));
            }
            String oldVersion = p.version;
            String olderChecksum = p.previousChecksum;
            PluginEntity saved = registry.change(slug, r -> {
                r.previousVersion = r.version;
                r.previousChecksum = r.checksum;
                r.version = next.version().toString();
                r.checksum = stored.checksum();
                r.size = stored.size();
                r.name = next.name();
                r.description = next.description();
                r.vendor = next.vendor();
                r.state = r.enabled ? "active" : "disabled";
                r.lastError = null;
                r.updatedAt = now();
                r.updatedBy = options.actor();
            });
            if (olderChecksum != null) {
                forgetArtifact(olderChecksum);
            }
            post(PluginEvents.UPDATED, saved, options.actor(), null);
            LOG.info("Plugin {} updated from {} to {} by {}", slug, oldVersion, saved.version, options.actor());
            return new UpdateResult(view(saved), oldVersion, saved.version);
        });
    }

    /** Swaps the bundle's content, refreshes its own closure, and starts it again when it should run. */
    private void replace(Bundle bundle, Path artifact, boolean start) throws PluginStartException {
        bundles.stopQuietly(bundle);
        try (InputStream in = Files.newInputStream(artifact)) {
            bundle.update(in);
        } catch (BundleException | IOException e) {
            throw new PluginStartException("the framework refused the new bundle: " + e.getMessage());
        }
        bundles.refresh(List.of(bundle));
        Optional<String> unresolved = bundles.resolve(bundle);
        if (unresolved.isPresent()) {
            throw new PluginStartException("cannot resolve: " + unresolved.get());
        }
        if (start) {
            bundles.start(bundle, config.start_settle_ms());
        }
    }

    /** Puts the stored artifact back after a failed update and says how that went. */
    private String rollBack(Bundle bundle, PluginEntity p) {
        try {
            replace(bundle, store.path(p.checksum), p.enabled && !safeMode);
            return "Rolled back to " + p.version + (p.enabled ? ", which is running again." : ".");
        } catch (PluginStartException | RuntimeException e) {
            registry.change(p.slug, r -> r.state = "failed");
            return "Rolling back to " + p.version + " failed too: " + e.getMessage();
        }
    }

    // ---- uninstall ------------------------------------------------------------------------------------------

    @Override
    public void uninstall(String slug, boolean purge, boolean cascade, String actor) {
        locked(() -> {
            PluginEntity p = entity(slug);
            Optional<Bundle> bundle = bundles.find(slug);
            if (bundle.isPresent()) {
                List<PluginEntity> needing = dependants(bundle.get());
                if (!needing.isEmpty() && !cascade) {
                    throw ApiException.conflict("Other plugins need '" + slug + "': " + slugs(needing)
                            + ". Uninstall them first, or pass cascade=true to uninstall them too.");
                }
                for (PluginEntity d : needing) {
                    uninstall(d.slug, purge, true, actor);
                }
                List<String> core = bundles.coreBundlesRestartedBy(List.of(bundle.get()));
                if (!core.isEmpty()) {
                    throw ApiException.conflict("Uninstalling '" + slug + "' would restart core bundles ("
                            + String.join(", ", core) + "), which plugin operations never do.");
                }
                if (purge) {
                    insight.purgeConfiguration(bundle.get());
                }
                bundles.stopQuietly(bundle.get());
                uninstallQuietly(bundle.get());
                bundles.refresh(List.of(bundle.get()));
            }
            registry.delete(slug);
            forgetArtifact(p.checksum);
            forgetArtifact(p.previousChecksum);
            post(PluginEvents.UNINSTALLED, p, actor, null);
            LOG.info("Plugin {} uninstalled by {}{}", slug, actor, purge ? " (configuration purged)" : "");
            return null;
        });
    }

    // ---- configuration --------------------------------------------------------------------------------------

    @Override
    public List<Map<String, Object>> configuration(String slug) {
        entity(slug);
        return insight.configuration(bundleOrConflict(slug));
    }

    @Override
    public Map<String, Object> configure(String slug, String pid, Map<String, Object> values, String actor) {
        entity(slug);
        Map<String, Object> result = insight.configure(bundleOrConflict(slug), pid, values);
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
                Inspection found = ArtifactInspector.inspect(jar);
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
            } catch (ApiException e) {
                results.add(new DiscoveryResult(file, "skipped", null, e.getMessage()));
            }
        }
        return results;
    }

    @Override
    public List<String> reconcile() {
        return locked(() -> {
            List<String> changes = new ArrayList<>();
            Map<String, PluginEntity> wanted = new HashMap<>();
            for (PluginEntity p : registry.all()) {
                wanted.put(p.slug, p);
                reconcile(p, changes);
            }
            for (Bundle orphan : bundles.pluginBundles()) {
                if (!wanted.containsKey(PluginBundles.slugOf(orphan))) {
                    bundles.stopQuietly(orphan);
                    uninstallQuietly(orphan);
                    bundles.refresh(List.of(orphan));
                    changes.add(PluginBundles.slugOf(orphan) + ": uninstalled (no longer in the registry)");
                }
            }
            return changes;
        });
    }

    private void reconcile(PluginEntity p, List<String> changes) {
        Bundle bundle = bundles.find(p.slug).orElse(null);
        try {
            if (bundle == null) {
                bundle = ensureInstalled(p);
                changes.add(p.slug + ": installed " + p.version + " from the plugin store");
            } else if (!bundle.getVersion().toString().equals(p.version)) {
                bundles.stopQuietly(bundle);
                try (InputStream in = Files.newInputStream(store.path(p.checksum))) {
                    bundle.update(in);
                }
                bundles.refresh(List.of(bundle));
                changes.add(p.slug + ": updated to " + p.version + " from the plugin store");
            }
        } catch (ApiException | BundleException | IOException e) {
            markFailed(p, e.getMessage(), changes);
            return;
        }
        boolean running = bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING;
        if (p.enabled && !safeMode && !running) {
            try {
                bundles.start(bundle, config.start_settle_ms());
                registry.change(p.slug, r -> {
                    r.state = "active";
                    r.lastError = null;
                });
                changes.add(p.slug + ": started");
            } catch (PluginStartException e) {
                markFailed(p, e.getMessage(), changes);
            }
        } else if ((!p.enabled || safeMode) && running) {
            bundles.stopQuietly(bundle);
            changes.add(p.slug + ": stopped" + (safeMode ? " (safe mode)" : ""));
        }
    }

    private void markFailed(PluginEntity p, String error, List<String> changes) {
        registry.change(p.slug, r -> {
            r.state = "failed";
            r.lastError = truncate(error);
        });
        post(PluginEvents.FAILED, p, "reconciler", error);
        changes.add(p.slug + ": failed: " + error);
        LOG.warn("Plugin {} failed: {}", p.slug, error);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The plugin's bundle, installed again from the store when the framework lost it (e.g. a wiped cache). */
    private Bundle ensureInstalled(PluginEntity p) {
        Optional<Bundle> existing = bundles.find(p.slug);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!store.has(p.checksum)) {
            throw new ApiException(ErrorCode.PLUGIN_FAILED, "The artifact of '" + p.slug + "' (" + p.checksum
                    + ") is missing from the plugin store; install the plugin again.");
        }
        try {
            Bundle bundle = bundles.install(p.slug, store.path(p.checksum));
            bundles.resolve(bundle);
            return bundle;
        } catch (BundleException e) {
            throw new ApiException(ErrorCode.PLUGIN_FAILED, "Reinstalling '" + p.slug + "' failed: " + e.getMessage());
        }
    }

    /** The registered plugins wired to this bundle's capabilities. */
    private List<PluginEntity> dependants(Bundle bundle) {
        return bundles.dependants(bundle).stream().map(b -> registry.find(PluginBundles.slugOf(b)))
                .flatMap(Optional::stream).toList();
    }

    private Bundle bundleOrConflict(String slug) {
        return bundles.find(slug).orElseThrow(() -> ApiException.conflict("The plugin '" + slug
                + "' is not installed in the framework right now; reconcile first."));
    }

    private Path download(String url) {
        if (url == null || url.isBlank()) {
            throw urlProblem("A url (mvn:…, file:…) is required.");
        }
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (!Arrays.asList(config.url_schemes()).contains(scheme)) {
            throw urlProblem("The scheme '" + scheme + "' is not allowed; allowed: "
                    + String.join(", ", config.url_schemes()) + " (setting url.schemes of dev.pergola.plugins).");
        }
        Path file = store.newIncomingFile();
        try (InputStream in = new URL(url).openStream(); OutputStream out = Files.newOutputStream(file)) {
            long copied = 0;
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0;) {
                copied += n;
                if (copied > config.upload_max_bytes()) {
                    throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The artifact at " + url + " is larger than "
                            + config.upload_max_bytes() + " bytes.");
                }
                out.write(buffer, 0, n);
            }
            return file;
        } catch (MalformedURLException e) {
            ArtifactStore.deleteQuietly(file);
            throw urlProblem("Not a URL: " + e.getMessage());
        } catch (IOException e) {
            ArtifactStore.deleteQuietly(file);
            throw urlProblem("Cannot read " + url + ": " + e.getMessage());
        } catch (RuntimeException e) {
            ArtifactStore.deleteQuietly(file);
            throw e;
        }
    }

    private static ApiException urlProblem(String message) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, message, Map.of("url", List.of(message)), Map.of());
    }

    public long uploadLimit() {
        return config.upload_max_bytes();
    }

    public Path newIncomingFile() {
        return store.newIncomingFile();
    }

    private PluginEntity entity(String slug) {
        return registry.find(slug).orElseThrow(() -> ApiException.notFound("No plugin '" + slug + "'"));
    }

    private PluginInfo view(PluginEntity p) {
        return PluginViews.of(p, bundles.find(p.slug).orElse(null), bundles, safeMode);
    }

    private void refuseInSafeMode(String what) {
        if (safeMode) {
            throw ApiException.conflict("Pergola runs in safe mode (pergola.safemode): plugins cannot " + what
                    + " until it restarts normally.");
        }
    }

    private void forgetArtifact(String checksum) {
        if (checksum != null && !registry.references(checksum)) {
            store.delete(checksum);
        }
    }

    private static void uninstallQuietly(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            LOG.warn("Uninstalling {} raised {}", bundle.getLocation(), e.toString());
        }
    }

    private void post(String topic, PluginEntity p, String actor, String error) {
        Map<String, Object> props = new HashMap<>();
        props.put(PluginEvents.SLUG, p.slug);
        props.put(PluginEvents.VERSION, p.version);
        if (actor != null) {
            props.put(PluginEvents.ACTOR, actor);
        }
        if (error != null) {
            props.put(PluginEvents.ERROR, error);
        }
        events.postEvent(new Event(topic, props));
    }

    private <T> T locked(Supplier<T> operation) {
        lock.lock();
        try {
            return operation.get();
        } finally {
            lock.unlock();
        }
    }

    private static String slugs(List<PluginEntity> plugins) {
        return String.join(", ", plugins.stream().map(p -> p.slug).toList());
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }
}
