package dev.pergola.api.plugins;

import java.util.Optional;

import org.osgi.framework.Bundle;

/**
 * What a plugin bundle is, defined once for everyone who must tell plugins from the platform (the plugin
 * manager, health, status): a bundle the plugin manager installed — the plugin's own bundle at location
 * {@code pergola-plugin:<slug>}, or a library that came in its {@code .kar} at {@code pergola-plugin:<slug>/<name>}
 * — or any bundle whose manifest carries {@value Plugins#PLUGIN_HEADER} (a plugin installed some other way).
 * Plugin bundles are the plugin manager's to start, stop and report; the platform's health never depends on them.
 */
public final class PluginBundle {
    /** Location prefix of every bundle the plugin manager installs. */
    public static final String LOCATION_PREFIX = "pergola-plugin:";

    private PluginBundle() {
    }

    /** The slug of the plugin this bundle belongs to, or empty for a platform (core or third-party) bundle. */
    public static Optional<String> pluginOf(Bundle bundle) {
        String location = bundle.getLocation();
        if (location != null && location.startsWith(LOCATION_PREFIX)) {
            String rest = location.substring(LOCATION_PREFIX.length());
            int slash = rest.indexOf('/');
            return Optional.of(slash < 0 ? rest : rest.substring(0, slash));
        }
        String header = bundle.getHeaders("").get(Plugins.PLUGIN_HEADER);
        return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.strip());
    }

    public static boolean isPluginBundle(Bundle bundle) {
        return pluginOf(bundle).isPresent();
    }

    /** True for a library that came with a {@code .kar} plugin (not the plugin's own bundle). */
    public static boolean isLibrary(Bundle bundle) {
        String location = bundle.getLocation();
        return location != null && location.startsWith(LOCATION_PREFIX) && location.indexOf('/', LOCATION_PREFIX.length()) >= 0;
    }
}
