package dev.pergola.plugins.internal.store;

/**
 * A plugin row as the audit trail shows it before and after a change: what was asked for ({@code enabled}, the
 * artifact's {@code version}) and what was last observed ({@code state}).
 */
public record PluginSnapshot(String slug, String name, String version, boolean enabled, String state) {
    public static PluginSnapshot of(PluginEntity p) {
        return p == null ? null : new PluginSnapshot(p.slug, p.name, p.version, p.enabled, p.state);
    }
}
