package dev.pergola.monitoring.internal;

import org.osgi.framework.Bundle;

import dev.pergola.api.plugins.PluginBundle;

final class BundleStates {
    private BundleStates() {
    }

    static String name(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.ACTIVE -> "active";
            case Bundle.UNINSTALLED -> "uninstalled";
            default -> "unknown";
        };
    }

    /**
     * Plugins and the libraries of .kar plugins, by the API's one definition (no dependency on the plugin manager, so
     * this holds when it is absent): they are the plugin manager's to report (a disabled or failed plugin degrades,
     * it does not take us down).
     */
    static boolean isPlugin(Bundle bundle) {
        return PluginBundle.isPluginBundle(bundle);
    }
}
