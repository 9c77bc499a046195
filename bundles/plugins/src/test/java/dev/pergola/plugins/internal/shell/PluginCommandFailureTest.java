package dev.pergola.plugins.internal.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Proxy;
import java.util.List;

import org.apache.karaf.shell.support.MultiException;
import org.junit.Test;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.plugins.Plugins;

/** A command that fails throws, so that bin/client and scripts exit non-zero (it used to print and return). */
public class PluginCommandFailureTest {
    @Test
    public void perPluginFailuresAreCollectedAndThrown() throws Exception {
        PluginEnableCommand enable = new PluginEnableCommand();
        enable.plugins = plugins();
        enable.slugs = List.of("ghost", "phantom");
        try {
            enable.execute();
            fail("no exception");
        } catch (MultiException e) {
            assertEquals(2, e.getCauses().length);
            assertTrue(e.getCauses()[0].getMessage(), e.getCauses()[0].getMessage().startsWith("ghost: No plugin 'ghost'"));
        }
    }

    @Test
    public void reconcileThrowsWhenAPluginFailed() throws Exception {
        PluginReconcileCommand reconcile = new PluginReconcileCommand();
        java.lang.reflect.Field field = PluginReconcileCommand.class.getDeclaredField("plugins");
        field.setAccessible(true);
        field.set(reconcile, plugins());
        try {
            reconcile.execute();
            fail("no exception");
        } catch (MultiException e) {
            assertEquals("slow: failed: did not start within 30 s", e.getCauses()[0].getMessage());
        }
    }

    /** Every plugin is unknown; reconciling reports one failure. */
    private static Plugins plugins() {
        return (Plugins) Proxy.newProxyInstance(Plugins.class.getClassLoader(), new Class<?>[] {Plugins.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "enable" -> throw PergolaException.notFound("No plugin '" + args[0] + "'");
                    case "reconcile" -> List.of("greetlib: started", "slow: failed: did not start within 30 s");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
