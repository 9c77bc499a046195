package dev.pergola.monitoring.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.health.HealthResult;

/**
 * DOWN when a component of a Pergola core bundle cannot run: a reference nobody satisfies (e.g. the
 * database driver of the configured type is not installed) or an exception in its activation.
 */
@Component
@HealthCheckService(name = "components")
public class ComponentsHealthCheck implements HealthCheck {
    private final ServiceComponentRuntime scr;
    private final BundleContext context;

    @Activate
    public ComponentsHealthCheck(@Reference ServiceComponentRuntime scr, BundleContext context) {
        this.scr = scr;
        this.context = context;
    }

    /** Plugins are reported by the plugin manager's own check (a failed plugin degrades, it does not take us down). */
    private boolean isCore(long bundleId) {
        Bundle bundle = context.getBundle(bundleId);
        return bundle != null && CoreBundles.isCore(bundle, CoreBundles.threshold(context));
    }

    /** SCR reports a whole stack trace; the reader needs its last "Caused by" (or first line). */
    static String rootCause(String failure) {
        if (failure == null) {
            return "unknown error";
        }
        String cause = failure.lines().findFirst().orElse(failure);
        for (String line : failure.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause.strip();
    }

    @Override
    public HealthResult check() {
        List<String> problems = new ArrayList<>();
        int running = 0;
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!isCore(description.bundle.id) || !scr.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO config : scr.getComponentConfigurationDTOs(description)) {
                switch (config.state) {
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> problems.add(description.name
                            + " waits for " + missing(config));
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> problems.add(description.name
                            + " failed to activate: " + rootCause(config.failure));
                    case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> problems.add(description.name
                            + " needs configuration " + String.join(", ", description.configurationPid));
                    default -> running++;
                }
            }
        }
        if (problems.isEmpty()) {
            return HealthResult.up(running + " core components running");
        }
        return HealthResult.down(problems.size() + " core component(s) not running: " + String.join("; ", problems),
                Map.of("problems", problems));
    }

    private static String missing(ComponentConfigurationDTO config) {
        List<String> refs = new ArrayList<>();
        for (UnsatisfiedReferenceDTO ref : config.unsatisfiedReferences) {
            refs.add(ref.name + (ref.target == null ? "" : " " + ref.target));
        }
        return String.join(", ", refs);
    }
}
