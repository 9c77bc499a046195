package dev.pergola.monitoring.internal.system;

import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

import dev.pergola.api.plugins.PluginBundle;

/** Counts plugins from the framework: a plugin is active when all its bundles that should run do. */
public final class PluginCounts {
    private PluginCounts() {
    }

    public static SystemInfo.Plugins of(Bundle[] bundles) {
        Map<String, Boolean> running = new TreeMap<>();
        for (Bundle b : bundles) {
            PluginBundle.pluginOf(b).ifPresent(slug -> running.merge(slug, runs(b), Boolean::logicalAnd));
        }
        int active = (int) running.values().stream().filter(Boolean::booleanValue).count();
        return new SystemInfo.Plugins(running.size(), active, running.size() - active);
    }

    static boolean runs(Bundle b) {
        boolean fragment = b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
        return fragment ? b.getState() == Bundle.RESOLVED : b.getState() == Bundle.ACTIVE;
    }
}
