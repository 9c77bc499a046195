package dev.pergola.plugins.internal.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.metrics.Meters;
import dev.pergola.api.plugins.PluginInfo;
import dev.pergola.api.plugins.PluginState;
import dev.pergola.api.plugins.Plugins;

/**
 * {@code pergola.plugins{state}}: installed plugins by state (active, disabled, failed, suspended), from the plugin
 * registry at most once per 10 s. Only this component needs {@link Meters}: the plugin manager runs without it.
 */
@Component
public class PluginStateGauges {
    private static final long TTL_NANOS = Duration.ofSeconds(10).toNanos();

    private final Plugins plugins;
    private Map<PluginState, Integer> counts;
    private long readAt;

    @Activate
    public PluginStateGauges(@Reference Meters meters, @Reference Plugins plugins) {
        this.plugins = plugins;
        readAt = System.nanoTime() - TTL_NANOS - 1;
        for (PluginState state : PluginState.values()) {
            meters.gauge("pergola.plugins", "Installed plugins, by state", () -> count(state), "state", state.apiName());
        }
    }

    /** NaN while the registry cannot be read: "no value now", never a made-up zero. */
    synchronized double count(PluginState state) {
        long now = System.nanoTime();
        if (now - readAt > TTL_NANOS) {
            readAt = now;
            try {
                Map<PluginState, Integer> read = new EnumMap<>(PluginState.class);
                for (PluginInfo plugin : plugins.list()) {
                    read.merge(plugin.state(), 1, Integer::sum);
                }
                counts = read;
            } catch (RuntimeException e) {
                counts = null;
            }
        }
        return counts == null ? Double.NaN : counts.getOrDefault(state, 0);
    }
}
