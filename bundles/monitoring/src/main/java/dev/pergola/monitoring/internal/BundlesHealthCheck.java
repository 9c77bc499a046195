package dev.pergola.monitoring.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.health.HealthResult;

/**
 * DOWN when a bundle that should run is not active (fragments only need to be resolved). Plugins are left to
 * the plugin manager's own check.
 */
@Component
@HealthCheckService(name = "bundles")
public class BundlesHealthCheck implements HealthCheck {
    private final BundleContext context;

    @Activate
    public BundlesHealthCheck(BundleContext context) {
        this.context = context;
    }

    @Override
    public HealthResult check() {
        Bundle[] bundles = context.getBundles();
        List<String> notRunning = Arrays.stream(bundles)
                .filter(b -> !BundleStates.isPlugin(b) && !isFine(b))
                .map(b -> b.getSymbolicName() + " " + b.getVersion() + " (" + BundleStates.name(b.getState()) + ")")
                .sorted()
                .toList();
        if (notRunning.isEmpty()) {
            return HealthResult.up(bundles.length + " bundles active", Map.of("total", bundles.length));
        }
        return HealthResult.down(notRunning.size() + " bundle(s) not active: " + String.join(", ", notRunning),
                Map.of("total", bundles.length, "not_active", notRunning));
    }

    private static boolean isFine(Bundle bundle) {
        boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
        int state = bundle.getState();
        return fragment ? state == Bundle.RESOLVED : state == Bundle.ACTIVE || isLazyWaiting(bundle);
    }

    private static boolean isLazyWaiting(Bundle bundle) {
        return bundle.getState() == Bundle.STARTING
                && Constants.ACTIVATION_LAZY.equals(bundle.getHeaders("").get(Constants.BUNDLE_ACTIVATIONPOLICY));
    }
}
