package dev.pergola.api.plugins;

import java.time.Instant;

/**
 * A plugin as the registry knows it: identity from its manifest, desired state ({@code enabled}), actual
 * state, and who changed it when. {@code bundleId} is null while the plugin's bundle is not installed.
 */
public record PluginInfo(String slug, String name, String symbolicName, String version, String description,
        String vendor, boolean enabled, PluginState state, String lastError, String checksum, long size,
        Instant installedAt, String installedBy, Instant updatedAt, String updatedBy, Long bundleId) {
}
