package dev.pergola.plugins.internal.service;

import dev.pergola.api.errors.PergolaException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.plugins.InstallOptions;
import dev.pergola.api.plugins.UpdateResult;
import dev.pergola.plugins.internal.artifact.ArtifactInspector;
import dev.pergola.plugins.internal.artifact.ArtifactStore;
import dev.pergola.plugins.internal.artifact.Inspection;
import dev.pergola.plugins.internal.framework.BoundedStarts;
import dev.pergola.plugins.internal.framework.PluginBundles;
import dev.pergola.plugins.internal.framework.PluginStartException;
import dev.pergola.plugins.internal.store.PluginEntity;

/**
 * Replaces a plugin's artifact: checks the new one belongs to the plugin and is not a downgrade, swaps the
 * bundle's content, refreshes only its own closure, starts it if it should run, and on any failure puts the
 * previous artifact back and says why. The caller holds the plugin lock.
 */
final class PluginUpdater {
    private static final Logger LOG = LoggerFactory.getLogger(PluginUpdater.class);

    private final PluginRecords records;
    private final Starter starter;

    /** Starts a plugin bounded by the start timeout ({@link dev.pergola.plugins.internal.framework.BoundedStarts}). */
    interface Starter {
        void start(String slug, Bundle bundle) throws PluginStartException;
    }

    PluginUpdater(PluginRecords records, Starter starter) {
        this.records = records;
        this.starter = starter;
    }

    UpdateResult update(String slug, Inspection next, Path artifact, InstallOptions options) {
        PluginEntity p = records.entity(slug);
        if (!next.slug().equals(slug)) {
            throw ArtifactInspector.refuse("The file is the plugin '" + next.slug() + "', not '" + slug + "'.");
        }
        if (!next.symbolicName().equals(p.symbolicName)) {
            throw ArtifactInspector.refuse("The file's symbolic name is " + next.symbolicName() + "; '" + slug
                    + "' is " + p.symbolicName + ". Install it as a separate plugin.");
        }
        PluginService.refuseCoreNames(records.bundles, next);
        Version current = Version.parseVersion(p.version);
        if (next.version().compareTo(current) < 0 && !options.force()) {
            throw ArtifactInspector.refuse("This would downgrade '" + slug + "' from " + current + " to "
                    + next.version() + "; pass force=true to do it anyway.");
        }
        ArtifactStore.Stored stored = records.store.put(artifact);
        if (stored.checksum().equals(p.checksum)) {
            return new UpdateResult(records.view(p), p.version, p.version);
        }
        Bundle bundle = records.bundleOf(p);
        List<String> core = records.bundles.coreBundlesRestartedBy(List.of(bundle));
        if (!core.isEmpty()) {
            records.forgetArtifact(stored.checksum());
            throw PergolaException.conflict("Updating '" + slug + "' would restart core bundles (" + String.join(", ", core)
                    + "), which plugin operations never do.");
        }
        try {
            replace(bundle, stored.path(), p.enabled);
        } catch (PluginStartException e) {
            // a start that timed out still holds the bundle: rolling back would wait on it; the next reconciliation
            // (once the start has returned) puts the stored version back
            String message = "Updating '" + slug + "' to " + next.version() + " failed: " + e.getMessage() + ". "
                    + (e.getMessage().startsWith(BoundedStarts.TIMEOUT_PREFIX)
                            ? "Not rolled back while its start runs; plugin:reconcile restores " + p.version + " after it."
                            : rollBack(p));
            records.registry.change(slug, r -> r.lastError = PluginRecords.truncate(message), PluginAudit.failed(message));
            records.forgetArtifact(stored.checksum());
            LOG.warn(message);
            throw new PergolaException("PLUGIN_FAILED", message, Map.of("cause", List.of(e.getMessage())),
                    Map.of("rolled_back_to", p.version));
        }
        String oldVersion = p.version;
        String olderChecksum = p.previousChecksum;
        PluginEntity saved = records.registry.change(slug, r -> {
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
            r.updatedAt = PluginRecords.now();
            r.updatedBy = options.actor();
        }, PluginAudit.updated());
        records.forgetArtifact(olderChecksum); // the previous one is kept, the one before it goes
        LOG.info("Plugin {} updated from {} to {} by {}", slug, oldVersion, saved.version, options.actor());
        return new UpdateResult(records.view(saved), oldVersion, saved.version);
    }

    /** Swaps the plugin's content, refreshes its own closure, and starts it again when it should run. */
    private void replace(Bundle current, Path artifact, boolean start) throws PluginStartException {
        Bundle bundle;
        try {
            bundle = records.bundles.replaceContent(current, artifact);
        } catch (BundleException e) {
            throw new PluginStartException("the framework refused the new bundle: " + e.getMessage());
        }
        Optional<String> unresolved = records.bundles.resolve(bundle);
        if (unresolved.isPresent()) {
            throw new PluginStartException("cannot resolve: " + unresolved.get());
        }
        if (start) {
            starter.start(PluginBundles.slugOf(bundle), bundle);
        }
    }

    /** Puts the stored artifact back after a failed update and says how that went. */
    private String rollBack(PluginEntity p) {
        try {
            // a KAR replacement may have left no bundle behind: then the stored artifact is installed afresh
            Bundle current = records.bundleOf(p);
            replace(current, records.store.verified(p.checksum), p.enabled && !records.safeMode);
            return "Rolled back to " + p.version + (p.enabled ? ", which is running again." : ".");
        } catch (PluginStartException | RuntimeException e) {
            records.registry.change(p.slug, r -> r.state = "failed");
            return "Rolling back to " + p.version + " failed too: " + e.getMessage();
        }
    }
}
