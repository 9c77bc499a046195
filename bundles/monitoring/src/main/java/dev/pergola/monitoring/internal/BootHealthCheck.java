package dev.pergola.monitoring.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.health.HealthResult;

/**
 * DOWN until Karaf has installed every boot feature: before that, bundles still arriving could answer
 * 404 or miss their database schema. Karaf announces the end of boot with its BootFinished service.
 */
@Component
@HealthCheckService(name = "boot")
public class BootHealthCheck implements HealthCheck {
    static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";

    private final BundleContext context;

    @Activate
    public BootHealthCheck(BundleContext context) {
        this.context = context;
    }

    @Override
    public HealthResult check() {
        return context.getServiceReference(BOOT_FINISHED) != null
                ? HealthResult.up("boot features installed")
                : HealthResult.down("still installing the boot features");
    }
}
