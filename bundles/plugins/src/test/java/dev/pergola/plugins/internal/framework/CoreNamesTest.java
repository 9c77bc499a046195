package dev.pergola.plugins.internal.framework;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.osgi.framework.Bundle;

public class CoreNamesTest {
    private static final Bundle[] INSTALLED = {
        bundle(0, "org.apache.felix.framework", "System Bundle"),
        bundle(42, "dev.pergola.identity", "mvn:dev.pergola/pergola-identity/0.1.0"),
        bundle(77, "com.example.hello", "pergola-plugin:hello"),
        bundle(78, "com.example.karlib", "pergola-plugin:shelf/com.example.karlib"),
        bundle(90, "com.example.dropped", "file:/opt/pergola/deploy/dropped.jar", "dropped"),
    };

    @Test
    public void aPluginCannotTakeACoreBundlesOrThePlatformsPermissionSourceName() {
        Optional<String> identity = PluginBundles.coreNameClash(List.of("dev.pergola.identity"), INSTALLED);
        assertTrue(identity.isPresent());
        assertEquals("dev.pergola.identity (core bundle 42)", identity.get());
        assertTrue(PluginBundles.coreNameClash(List.of("com.example.lib", "org.apache.felix.framework"), INSTALLED).isPresent());
        assertTrue("the core permissions' source", PluginBundles.coreNameClash(List.of("core"), INSTALLED).isPresent());
    }

    @Test
    public void otherPluginsNamesAreNotCoreNames() {
        assertEquals(Optional.empty(), PluginBundles.coreNameClash(List.of("com.example.hello", "com.example.other"), INSTALLED));
    }

    /** The one definition (sdk/api PluginBundle): a .kar's library and a plugin installed some other way are plugins too. */
    @Test
    public void karLibrariesAndHeaderCarryingBundlesArePluginBundles() {
        assertEquals(Optional.empty(), PluginBundles.coreNameClash(List.of("com.example.karlib", "com.example.dropped"), INSTALLED));
        assertEquals("shelf", PluginBundles.slugOf(INSTALLED[3]));
        assertEquals("dropped", PluginBundles.slugOf(INSTALLED[4]));
        assertTrue(!PluginBundles.isPlugin(INSTALLED[1]));
    }

    private static Bundle bundle(long id, String symbolicName, String location, String... pluginHeader) {
        Hashtable<String, String> headers = new Hashtable<>();
        if (pluginHeader.length > 0) {
            headers.put("Pergola-Plugin", pluginHeader[0]);
        }
        return (Bundle) Proxy.newProxyInstance(CoreNamesTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "getLocation" -> location;
                    case "getBundleId" -> id;
                    case "toString" -> symbolicName;
                    case "getHeaders" -> headers;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
