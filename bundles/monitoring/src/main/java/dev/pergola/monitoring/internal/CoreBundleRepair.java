package dev.pergola.monitoring.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.features.BootFinished;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts every core bundle found stopped once the node has booted. Karaf remembers a persistent
 * {@code bundle:stop}, so without this one stop of {@code dev.pergola.identity} (the JAAS realm) would lock every
 * operator out across restarts. It runs once per start, when both the boot features are installed
 * ({@link BootFinished}) and the framework has reached its beginning start level ({@link FrameworkEvent#STARTED}):
 * only then is a core bundle that is not active really stopped rather than not started yet. Deliberately not
 * periodic: a forced stop is an operator's explicit act (for instance to replace a bundle) and is left alone
 * until the next start, while health reports the bundle. This bundle cannot restart itself once stopped.
 */
@Component(immediate = true)
public class CoreBundleRepair implements FrameworkListener {
    private static final Logger LOG = LoggerFactory.getLogger(CoreBundleRepair.class);

    private final BundleContext context;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pergola-core-repair");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public CoreBundleRepair(BundleContext context, @Reference BootFinished bootFinished) {
        this.context = context;
    }

    @Activate
    void activate() {
        context.addFrameworkListener(this);
        if (startLevelsReached()) {
            worker.execute(this::repair); // STARTED has been sent already
        }
    }

    /**
     * The system bundle is ACTIVE long before the start levels are walked (Felix), so only the framework's start level
     * says whether every bundle had its turn.
     */
    private boolean startLevelsReached() {
        FrameworkStartLevel framework = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkStartLevel.class);
        String beginning = context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        int target = beginning == null ? 1 : Integer.parseInt(beginning.trim());
        return framework.getStartLevel() >= target;
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            worker.execute(this::repair);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        context.removeFrameworkListener(this);
        worker.shutdownNow();
        worker.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** Idempotent: a second run (STARTED racing the activation check) finds nothing left to start. */
    void repair() {
        for (Bundle bundle : CoreBundles.installed(context)) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            int state = bundle.getState();
            if (isFragment(bundle) || (state != Bundle.INSTALLED && state != Bundle.RESOLVED)) {
                continue;
            }
            LOG.warn("Core bundle {} {} [{}] was found {} at start (stopped, for instance by a forced bundle:stop): "
                    + "starting it", bundle.getSymbolicName(), bundle.getVersion(), bundle.getBundleId(),
                    BundleStates.name(state));
            try {
                bundle.start(); // persistent: the stop is forgotten
            } catch (BundleException | RuntimeException e) {
                LOG.error("Core bundle {} [{}] could not be started again", bundle.getSymbolicName(),
                        bundle.getBundleId(), e);
            }
        }
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }
}
