package dev.pergola.plugins.internal.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.health.HealthResult;
import dev.pergola.api.plugins.PluginInfo;
import dev.pergola.api.plugins.PluginState;

/**
 * DOWN (not ready) until the plugins stored as enabled have been started after boot; then WARN, naming them, when enabled plugins are not running (the platform and the other plugins still serve, so
 * this degrades the node rather than taking it out); WARN in safe mode too.
 */
@Component
@HealthCheckService(name = "plugins")
public class PluginsHealthCheck implements HealthCheck {
    private final PluginService plugins;

    @Activate
    public PluginsHealthCheck(@Reference PluginService plugins) {
        this.plugins = plugins;
    }

    @Override
    public HealthResult check() {
        if (!plugins.reconciledOnce()) {
            return HealthResult.down("starting the installed plugins");
        }
        List<PluginInfo> all = plugins.list();
        Map<String, Object> failed = new LinkedHashMap<>();
        for (PluginInfo p : all) {
            if (p.state() == PluginState.FAILED) {
                failed.put(p.slug(), p.lastError());
            }
        }
        long active = all.stream().filter(p -> p.state() == PluginState.ACTIVE).count();
        if (!failed.isEmpty()) {
            return HealthResult.warn(failed.size() + " plugin(s) failed: " + String.join(", ", failed.keySet()),
                    Map.of("failed", failed));
        }
        if (plugins.safeMode()) {
            return HealthResult.warn("safe mode: no plugin is started (" + all.size() + " installed)", Map.of());
        }
        return HealthResult.up(active + " of " + all.size() + " plugin(s) active");
    }
}
