package dev.pergola.plugins.internal.store;

import dev.pergola.api.audit.AuditEntry;

/**
 * The audit record of a registry change, built from the row as it was and as it is once changed (null for a row
 * that did not exist or no longer does); {@link PluginRegistry} writes it in the change's own transaction.
 */
@FunctionalInterface
public interface AuditedChange {
    AuditEntry entry(PluginSnapshot before, PluginSnapshot after);
}
