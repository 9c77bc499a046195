package dev.pergola.plugins.internal.service;

import dev.pergola.api.errors.PergolaException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.plugins.internal.framework.BoundedStarts;
import dev.pergola.plugins.internal.framework.PluginBundles;
import dev.pergola.plugins.internal.store.PluginEntity;

/**
 * Brings the framework in line with the registry, as a whole rather than plugin by plugin (a plugin may need
 * another whose slug sorts after it): first every plugin is installed (from the store) or updated, what should not
 * run is stopped (everything, in safe mode) and bundles the registry no longer knows are removed; then everything
 * that should run is resolved together; the caller then starts it in dependency order, providers first (a
 * {@code .kar}'s libraries start before its plugin within each start). The planning runs under the plugin lock; the
 * starts do not (each is bounded by the start timeout).
 * <p>A plugin whose last start timed out is not started again blindly: it stays {@code failed} ("timed out at last
 * start; enable it again to retry") until someone enables it.
 */
final class PluginReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(PluginReconciler.class);

    private final PluginRecords records;
    private final BoundedStarts starts;

    /** What phase one decided: the changes made so far and the plugins to start, providers first. */
    record Plan(List<String> changes, Map<String, Bundle> starts) {
    }

    PluginReconciler(PluginRecords records, BoundedStarts starts) {
        this.records = records;
        this.starts = starts;
    }

    Plan plan() {
        List<String> changes = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        Map<String, Bundle> toStart = new LinkedHashMap<>();
        for (PluginEntity p : records.registry.all()) {
            wanted.add(p.slug);
            if (starts.busy(p.slug)) {
                continue; // its bundle is held by a start that has not returned: touching it would wait on it
            }
            Bundle bundle = installed(p, changes);
            if (bundle == null) {
                continue;
            }
            boolean running = bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING;
            if (p.enabled && !records.safeMode && !running) {
                if (timedOutLastTime(p)) {
                    markFailed(p, "timed out at last start (" + firstLine(p.lastError) + "); enable it again to retry", changes);
                } else {
                    toStart.put(p.slug, bundle);
                }
            } else if ((!p.enabled || records.safeMode) && running) {
                records.bundles.stopQuietly(bundle);
                changes.add(p.slug + ": stopped" + (records.safeMode ? " (safe mode)" : ""));
            }
        }
        removeOrphans(wanted, changes);
        records.bundles.resolveTogether(toStart.values());
        return new Plan(changes, inDependencyOrder(toStart));
    }

    static boolean timedOutLastTime(PluginEntity p) {
        return "failed".equals(p.state) && p.lastError != null && p.lastError.contains(BoundedStarts.TIMEOUT_PREFIX);
    }

    private static String firstLine(String s) {
        int paren = s.indexOf(BoundedStarts.TIMEOUT_PREFIX);
        String from = s.substring(paren);
        int end = from.indexOf(')');
        return end < 0 ? from : from.substring(0, end);
    }

    private Bundle installed(PluginEntity p, List<String> changes) {
        try {
            boolean missing = records.bundles.find(p.slug).isEmpty();
            Bundle bundle = records.bundleOf(p);
            if (missing) {
                changes.add(p.slug + ": installed " + p.version + " from the plugin store");
            } else if (!bundle.getVersion().toString().equals(p.version)) {
                bundle = records.bundles.replaceContent(bundle, records.store.verified(p.checksum));
                changes.add(p.slug + ": updated to " + p.version + " from the plugin store");
            }
            return bundle;
        } catch (PergolaException | BundleException e) {
            markFailed(p, e.getMessage(), changes);
            return null;
        }
    }

    private void removeOrphans(Set<String> wanted, List<String> changes) {
        for (Bundle orphan : records.bundles.pluginBundles()) {
            String slug = PluginBundles.slugOf(orphan);
            if (!wanted.contains(slug) && !starts.busy(slug)) {
                records.bundles.stopQuietly(orphan);
                try {
                    orphan.uninstall();
                } catch (BundleException | IllegalStateException e) {
                    LOG.warn("Uninstalling {} raised {}", orphan.getLocation(), e.toString());
                }
                records.bundles.refresh(List.of(orphan));
                changes.add(slug + ": uninstalled (no longer in the registry)");
            }
        }
    }

    /** Providers before the plugins wired to them (the wiring is known once everything is resolved together). */
    private Map<String, Bundle> inDependencyOrder(Map<String, Bundle> toStart) {
        Map<String, Bundle> ordered = new LinkedHashMap<>();
        Set<String> visiting = new HashSet<>();
        toStart.forEach((slug, bundle) -> visit(slug, bundle, toStart, ordered, visiting));
        return ordered;
    }

    private void visit(String slug, Bundle bundle, Map<String, Bundle> toStart, Map<String, Bundle> ordered, Set<String> visiting) {
        if (ordered.containsKey(slug) || !visiting.add(slug)) {
            return; // done, or a cycle: the framework starts a cycle in any order
        }
        for (Bundle provider : records.bundles.providers(bundle)) {
            String needed = PluginBundles.slugOf(provider);
            if (toStart.containsKey(needed)) {
                visit(needed, toStart.get(needed), toStart, ordered, visiting);
            }
        }
        ordered.put(slug, bundle);
    }

    /** Records a start that worked (the caller holds the plugin lock). */
    void started(String slug, List<String> changes) {
        records.registry.change(slug, r -> {
            r.state = "active";
            r.lastError = null;
        });
        changes.add(slug + ": started");
    }

    void failed(String slug, String error, List<String> changes) {
        records.registry.find(slug).ifPresent(p -> markFailed(p, error, changes));
    }

    /**
     * Marks the plugin failed, with a {@code plugin.failed} record when that is news: a plugin already failed for
     * the same reason (every boot, for one that timed out once) is not recorded again.
     */
    private void markFailed(PluginEntity p, String error, List<String> changes) {
        String lastError = PluginRecords.truncate(error);
        Consumer<PluginEntity> failed = r -> {
            r.state = "failed";
            r.lastError = lastError;
        };
        if ("failed".equals(p.state) && Objects.equals(lastError, p.lastError)) {
            records.registry.change(p.slug, failed);
        } else {
            records.registry.change(p.slug, failed, PluginAudit.failed(error));
        }
        changes.add(p.slug + ": failed: " + error);
        LOG.warn("Plugin {} failed: {}", p.slug, error);
    }
}
