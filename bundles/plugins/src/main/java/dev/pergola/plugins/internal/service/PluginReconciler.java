package dev.pergola.plugins.internal.service;

import dev.pergola.api.errors.PergolaException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.plugins.PluginEvents;
import dev.pergola.plugins.internal.framework.PluginBundles;
import dev.pergola.plugins.internal.framework.PluginStartException;
import dev.pergola.plugins.internal.store.PluginEntity;

/**
 * Brings the framework in line with the registry: installs what is missing (from the store), updates what
 * runs another version, starts what should run, stops what should not (everything, in safe mode), and
 * removes plugin bundles the registry no longer knows. The caller holds the plugin lock.
 */
final class PluginReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(PluginReconciler.class);

    private final PluginRecords records;
    private final long settleMillis;

    PluginReconciler(PluginRecords records, long settleMillis) {
        this.records = records;
        this.settleMillis = settleMillis;
    }

    /** @return what changed, a line each */
    List<String> reconcile() {
        List<String> changes = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (PluginEntity p : records.registry.all()) {
            wanted.add(p.slug);
            reconcile(p, changes);
        }
        for (Bundle orphan : records.bundles.pluginBundles()) {
            if (!wanted.contains(PluginBundles.slugOf(orphan))) {
                records.bundles.stopQuietly(orphan);
                try {
                    orphan.uninstall();
                } catch (BundleException e) {
                    LOG.warn("Uninstalling {} raised {}", orphan.getLocation(), e.toString());
                }
                records.bundles.refresh(List.of(orphan));
                changes.add(PluginBundles.slugOf(orphan) + ": uninstalled (no longer in the registry)");
            }
        }
        return changes;
    }

    private void reconcile(PluginEntity p, List<String> changes) {
        Bundle bundle;
        try {
            boolean missing = records.bundles.find(p.slug).isEmpty();
            bundle = records.bundleOf(p);
            if (missing) {
                changes.add(p.slug + ": installed " + p.version + " from the plugin store");
            } else if (!bundle.getVersion().toString().equals(p.version)) {
                bundle = records.bundles.replaceContent(bundle, records.store.verified(p.checksum));
                changes.add(p.slug + ": updated to " + p.version + " from the plugin store");
            }
        } catch (PergolaException | BundleException e) {
            markFailed(p, e.getMessage(), changes);
            return;
        }
        boolean running = bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING;
        if (p.enabled && !records.safeMode && !running) {
            try {
                records.bundles.start(bundle, settleMillis);
                records.registry.change(p.slug, r -> {
                    r.state = "active";
                    r.lastError = null;
                });
                changes.add(p.slug + ": started");
            } catch (PluginStartException e) {
                markFailed(p, e.getMessage(), changes);
            }
        } else if ((!p.enabled || records.safeMode) && running) {
            records.bundles.stopQuietly(bundle);
            changes.add(p.slug + ": stopped" + (records.safeMode ? " (safe mode)" : ""));
        }
    }

    private void markFailed(PluginEntity p, String error, List<String> changes) {
        records.registry.change(p.slug, r -> {
            r.state = "failed";
            r.lastError = PluginRecords.truncate(error);
        });
        records.post(PluginEvents.FAILED, p, "reconciler", error);
        changes.add(p.slug + ": failed: " + error);
        LOG.warn("Plugin {} failed: {}", p.slug, error);
    }
}
