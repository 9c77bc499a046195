package dev.pergola.plugins.internal.service;

import dev.pergola.plugins.internal.weaving.ExitCallRewriter;

import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.weaving.WeavingException;
import org.osgi.framework.hooks.weaving.WeavingHook;
import org.osgi.framework.hooks.weaving.WovenClass;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.pergola.api.plugins.PluginBundle;

/**
 * Plugin code cannot end the JVM: as each class of a plugin bundle (see {@link PluginBundle}) loads, its calls to
 * {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} are rewritten into a {@link SecurityException}
 * (no security manager needed). A plugin that calls one in its start fails to start with that message and is marked
 * {@code failed}; the platform keeps serving. Classes of core bundles are never touched.
 */
@Component(service = ExitCallWeaver.class, immediate = true)
public class ExitCallWeaver implements WeavingHook {
    /**
     * Set while this thread weaves: the classes weaving itself loads (the API's {@link PluginBundle}, ASM) come through
     * the hook too, and must pass untouched — looking at them would load them again ("cycle detected"), and a hook
     * that throws is disabled by the framework for good.
     */
    private static final ThreadLocal<Boolean> WEAVING = new ThreadLocal<>();

    private final ServiceRegistration<WeavingHook> registration;

    /**
     * Registers the hook itself once this object exists. Had DS registered it as a service, the framework would ask
     * SCR for the hook while SCR is still creating it (our own classes load through the hook), and SCR logs that
     * "circular reference" as an error at every boot.
     */
    @Activate
    public ExitCallWeaver(BundleContext context) {
        this.registration = context.registerService(WeavingHook.class, this, null);
    }

    @Deactivate
    void unregister() {
        registration.unregister();
    }

    @Override
    public void weave(WovenClass woven) {
        if (Boolean.TRUE.equals(WEAVING.get())) {
            return;
        }
        WEAVING.set(Boolean.TRUE);
        try {
            weavePluginClass(woven);
        } finally {
            WEAVING.remove();
        }
    }

    private void weavePluginClass(WovenClass woven) {
        Bundle bundle = woven.getBundleWiring().getBundle();
        Optional<String> plugin = PluginBundle.pluginOf(bundle);
        if (plugin.isEmpty()) {
            return;
        }
        byte[] rewritten;
        try {
            rewritten = ExitCallRewriter.rewrite(woven.getBytes(), plugin.get());
        } catch (RuntimeException e) {
            // fail closed: a plugin class we cannot read is a class we cannot vouch for
            throw new WeavingException("Cannot check " + woven.getClassName() + " of plugin '" + plugin.get()
                    + "' for calls that end the JVM: " + e, e);
        }
        if (rewritten != null) {
            woven.setBytes(rewritten);
        }
    }
}
