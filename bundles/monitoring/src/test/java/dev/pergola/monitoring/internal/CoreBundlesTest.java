package dev.pergola.monitoring.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.startlevel.BundleStartLevel;

public class CoreBundlesTest {
    @Test
    public void aCoreBundleIsAPergolaBundleBelowTheSystemBundleThresholdAndNoPlugin() {
        assertTrue(CoreBundles.isCore(bundle("dev.pergola.identity", 45, false), 50));
        assertFalse("at or above the threshold: an ordinary bundle", CoreBundles.isCore(bundle("dev.pergola.identity", 50, false), 50));
        assertFalse("a plugin installed low is still a plugin", CoreBundles.isCore(bundle("dev.pergola.sample.hello", 45, true), 50));
        assertFalse("Karaf's own system bundles are Karaf's", CoreBundles.isCore(bundle("org.apache.karaf.shell.core", 30, false), 50));
        assertFalse(CoreBundles.isCore(bundle(null, 45, false), 50));
    }

    @Test
    public void stoppedMeansNotActiveAndNoLongerMarkedToStart() {
        assertTrue("what bundle:stop leaves", CoreBundleRepair.isStopped(bundle("dev.pergola.identity", 45, false, Bundle.RESOLVED, false)));
        assertFalse("not its start level's turn yet", CoreBundleRepair.isStopped(bundle("dev.pergola.identity", 45, false, Bundle.RESOLVED, true)));
        assertFalse(CoreBundleRepair.isStopped(bundle("dev.pergola.identity", 45, false, Bundle.ACTIVE, true)));
        assertFalse(CoreBundleRepair.isStopped(bundle("dev.pergola.identity", 45, false, Bundle.STARTING, false)));
    }

    private static Bundle bundle(String symbolicName, int startLevel, boolean plugin) {
        return bundle(symbolicName, startLevel, plugin, Bundle.ACTIVE, true);
    }

    private static Bundle bundle(String symbolicName, int startLevel, boolean plugin, int state, boolean marked) {
        Dictionary<String, String> headers = new Hashtable<>();
        if (plugin) {
            headers.put("Pergola-Plugin", "hello");
        }
        BundleStartLevel level = (BundleStartLevel) Proxy.newProxyInstance(CoreBundlesTest.class.getClassLoader(),
                new Class<?>[] {BundleStartLevel.class}, (p, m, a) -> m.getName().equals("getStartLevel") ? (Object) startLevel
                        : m.getName().equals("isPersistentlyStarted") ? (Object) marked : null);
        return (Bundle) Proxy.newProxyInstance(CoreBundlesTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "getHeaders" -> headers;
                    case "getState" -> state;
                    case "getLocation" -> "mvn:dev.pergola/" + symbolicName + "/0.1.0";
                    case "adapt" -> a[0] == BundleStartLevel.class ? level : null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
