package dev.pergola.plugins.internal.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.osgi.framework.Bundle;

import dev.pergola.api.plugins.PluginInfo;
import dev.pergola.api.plugins.PluginState;
import dev.pergola.plugins.internal.framework.PluginBundles;
import dev.pergola.plugins.internal.store.PluginEntity;

/** The live view of a plugin: its row, checked against what the framework is doing right now. */
final class PluginViews {
    private PluginViews() {
    }

    static PluginInfo of(PluginEntity p, Bundle bundle, PluginBundles bundles, boolean safeMode) {
        PluginState state;
        String error = p.lastError;
        if (!p.enabled) {
            state = PluginState.DISABLED;
        } else if (safeMode) {
            state = PluginState.SUSPENDED;
        } else if (bundle == null) {
            state = PluginState.FAILED;
            error = error != null ? error : "the plugin's bundle is not installed; run a reconcile";
        } else if (bundle.getState() != Bundle.ACTIVE) {
            state = PluginState.FAILED;
            error = error != null ? error : "the plugin's bundle is not running";
        } else {
            var failed = bundles.failedComponents(bundle);
            state = failed.isEmpty() ? PluginState.ACTIVE : PluginState.FAILED;
            if (!failed.isEmpty()) {
                error = String.join("; ", failed);
            }
        }
        return new PluginInfo(p.slug, p.name, p.symbolicName, p.version, p.description, p.vendor, p.enabled, state,
                error, p.checksum, p.size, millis(p.installedAt.toInstant()), p.installedBy,
                millis(p.updatedAt.toInstant()), p.updatedBy, bundle == null ? null : bundle.getBundleId());
    }

    /** The API's timestamps have millisecond precision, whatever the database keeps. */
    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
