package dev.pergola.monitoring.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.features.BootFinished;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts every core bundle found stopped once the boot features are installed ({@link BootFinished}). Karaf remembers
 * a persistent {@code bundle:stop}, so without this one stop of {@code dev.pergola.identity} (the JAAS realm) would
 * lock every operator out across restarts. "Stopped" is what such a stop leaves: not active and no longer marked to
 * start ({@link BundleStartLevel#isPersistentlyStarted()}); a bundle that simply has not had its start level's turn
 * yet is still marked, so the check does not depend on how far the framework has got. Runs once per activation, not
 * periodically: a forced stop is an operator's explicit act (for instance to replace a bundle) and is left alone
 * until the next start, while health reports the bundle. This bundle cannot restart itself once stopped.
 */
@Component(immediate = true)
public class CoreBundleRepair {
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

    /** Off SCR's thread: starting a bundle activates its components synchronously. */
    @Activate
    void activate() {
        worker.execute(this::repair);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(30, TimeUnit.SECONDS);
    }

    void repair() {
        for (Bundle bundle : CoreBundles.installed(context)) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            if (!isStopped(bundle)) {
                continue;
            }
            LOG.warn("Core bundle {} {} [{}] was found {} and no longer marked to start (a forced bundle:stop): "
                    + "starting it", bundle.getSymbolicName(), bundle.getVersion(), bundle.getBundleId(),
                    BundleStates.name(bundle.getState()));
            try {
                bundle.start(); // persistent: marked to start again at every later boot
            } catch (BundleException | RuntimeException e) {
                LOG.error("Core bundle {} [{}] could not be started again", bundle.getSymbolicName(),
                        bundle.getBundleId(), e);
            }
        }
    }

    static boolean isStopped(Bundle bundle) {
        int state = bundle.getState();
        if ((state != Bundle.INSTALLED && state != Bundle.RESOLVED)
                || bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
            return false;
        }
        BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
        return level != null && !level.isPersistentlyStarted();
    }
}
