package dev.pergola.plugins.internal.service;

import static dev.pergola.api.events.EventTypes.PLUGIN_CONFIGURED;
import static dev.pergola.api.events.EventTypes.PLUGIN_DISABLED;
import static dev.pergola.api.events.EventTypes.PLUGIN_ENABLED;
import static dev.pergola.api.events.EventTypes.PLUGIN_FAILED;
import static dev.pergola.api.events.EventTypes.PLUGIN_INSTALLED;
import static dev.pergola.api.events.EventTypes.PLUGIN_UNINSTALLED;
import static dev.pergola.api.events.EventTypes.PLUGIN_UPDATED;

import java.util.Map;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.Outcome;
import dev.pergola.plugins.internal.store.AuditedChange;
import dev.pergola.plugins.internal.store.PluginSnapshot;

/**
 * The audit record of each plugin operation (one per operation and plugin), as the event catalogue describes it:
 * target {@code ("plugin", slug, name)}, the row before and after, and the type's own details. The actor is left
 * to the origin bound to the thread (the REST caller, the shell operator, else the platform).
 */
final class PluginAudit {
    static final String TARGET = "plugin";

    private PluginAudit() {
    }

    static AuditedChange installed() {
        return (before, after) -> entry(PLUGIN_INSTALLED, before, after).withDetail("version", after.version());
    }

    static AuditedChange enabled() {
        return (before, after) -> entry(PLUGIN_ENABLED, before, after).withDetail("version", after.version());
    }

    static AuditedChange disabled() {
        return (before, after) -> entry(PLUGIN_DISABLED, before, after).withDetail("version", after.version());
    }

    static AuditedChange updated() {
        return (before, after) -> entry(PLUGIN_UPDATED, before, after).withDetail("version", after.version())
                .withDetail("previous_version", before.version());
    }

    static AuditedChange uninstalled(boolean purged) {
        return (before, after) -> entry(PLUGIN_UNINSTALLED, before, after).withDetail("purged", purged);
    }

    /** A start, resolution or update that failed: the row keeps the error, the record says why. */
    static AuditedChange failed(String error) {
        return (before, after) -> entry(PLUGIN_FAILED, before, after).withOutcome(Outcome.FAILED)
                .withDetail("error", error);
    }

    /** A configuration change: values as stored before and after, secrets already masked (see {@link ConfigSecrets}). */
    static AuditEntry configured(PluginSnapshot plugin, String pid, Map<String, Object> before, Map<String, Object> after) {
        return AuditEntry.of(PLUGIN_CONFIGURED).withTarget(TARGET, plugin.slug(), plugin.name())
                .withBefore(before).withAfter(after).withDetail("pid", pid);
    }

    private static AuditEntry entry(String action, PluginSnapshot before, PluginSnapshot after) {
        PluginSnapshot plugin = after != null ? after : before;
        return AuditEntry.of(action).withTarget(TARGET, plugin.slug(), plugin.name()).withBefore(before).withAfter(after);
    }
}
