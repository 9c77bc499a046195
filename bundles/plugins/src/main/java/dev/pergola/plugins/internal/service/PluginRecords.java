package dev.pergola.plugins.internal.service;

import dev.pergola.api.errors.PergolaException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

import dev.pergola.api.plugins.PluginInfo;
import dev.pergola.plugins.internal.artifact.ArtifactStore;
import dev.pergola.plugins.internal.framework.PluginBundles;
import dev.pergola.plugins.internal.store.PluginEntity;
import dev.pergola.plugins.internal.store.PluginRegistry;

/**
 * What every plugin operation shares: the registry rows, the plugin's bundle (installed again from the store
 * when the framework lost it), its live view, and artifact housekeeping. (Events are the audit records the registry
 * writes with each change; see {@link PluginAudit}.)
 */
final class PluginRecords {
    final PluginRegistry registry;
    final PluginBundles bundles;
    final ArtifactStore store;
    final boolean safeMode;

    PluginRecords(PluginRegistry registry, PluginBundles bundles, ArtifactStore store, boolean safeMode) {
        this.registry = registry;
        this.bundles = bundles;
        this.store = store;
        this.safeMode = safeMode;
    }

    PluginEntity entity(String slug) {
        return registry.find(slug).orElseThrow(() -> PergolaException.notFound("No plugin '" + slug + "'"));
    }

    PluginInfo view(PluginEntity p) {
        return PluginViews.of(p, bundles.find(p.slug).orElse(null), bundles, safeMode);
    }

    /**
     * The plugin's bundle, installed again from the store when the framework lost it (e.g. a wiped cache), once
     * the stored file is checked against its checksum.
     */
    Bundle bundleOf(PluginEntity p) {
        Optional<Bundle> existing = bundles.find(p.slug);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!store.has(p.checksum)) {
            throw new PergolaException("PLUGIN_FAILED", "The artifact of '" + p.slug + "' (" + p.checksum
                    + ") is missing from the plugin store; install the plugin again.");
        }
        try {
            Bundle bundle = bundles.install(p.slug, store.verified(p.checksum));
            bundles.resolve(bundle);
            return bundle;
        } catch (BundleException e) {
            throw new PergolaException("PLUGIN_FAILED", "Reinstalling '" + p.slug + "' failed: " + e.getMessage());
        }
    }

    /** The registered plugins wired to this bundle's capabilities. */
    List<PluginEntity> dependants(Bundle bundle) {
        return bundles.dependants(bundle).stream().map(b -> registry.find(PluginBundles.slugOf(b)))
                .flatMap(Optional::stream).toList();
    }

    /** Deletes an artifact no row refers to any more. */
    void forgetArtifact(String checksum) {
        if (checksum != null && !registry.references(checksum)) {
            store.delete(checksum);
        }
    }

    static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }
}
