package dev.pergola.monitoring.internal;

import java.util.Arrays;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * What a core bundle is: a Pergola bundle ({@code dev.pergola.*}) that is not a plugin and that the distribution
 * installs as a Karaf system bundle, i.e. below {@code karaf.systemBundlesStartLevel} (the pergola-core feature
 * gives each of them {@code start-level="${pergola.core.start-level}"}). Karaf's shell refuses to stop, uninstall,
 * update or refresh system bundles for anyone without the {@code systembundles} role ({@code pergola:force}
 * grants it for one command), and the platform starts again any it finds stopped at boot ({@link CoreBundleRepair}).
 * Plugins are never core: the plugin manager installs them at Karaf's default bundle start level, above the
 * threshold, and they carry {@code Pergola-Plugin}.
 */
public final class CoreBundles {
    /** Karaf's own property; {@code bundle:*} commands read it the same way. */
    static final String THRESHOLD_PROPERTY = "karaf.systemBundlesStartLevel";
    /** Karaf's default when the property is not set. */
    static final int KARAF_DEFAULT_THRESHOLD = 50;
    private static final String PREFIX = "dev.pergola.";

    private CoreBundles() {
    }

    /** The start level below which bundles are Karaf system bundles. */
    public static int threshold(BundleContext context) {
        String value = context.getProperty(THRESHOLD_PROPERTY);
        try {
            return value == null ? KARAF_DEFAULT_THRESHOLD : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return KARAF_DEFAULT_THRESHOLD; // what Karaf itself falls back to
        }
    }

    public static boolean isCore(Bundle bundle, int threshold) {
        String name = bundle.getSymbolicName();
        if (name == null || !name.startsWith(PREFIX) || BundleStates.isPlugin(bundle)) {
            return false;
        }
        BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
        return level != null && level.getStartLevel() < threshold;
    }

    public static List<Bundle> installed(BundleContext context) {
        int threshold = threshold(context);
        return Arrays.stream(context.getBundles()).filter(b -> isCore(b, threshold)).toList();
    }
}
