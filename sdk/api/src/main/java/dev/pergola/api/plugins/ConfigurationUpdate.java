package dev.pergola.api.plugins;

import java.util.Map;

/** What {@link Plugins#configure} stored: the PID and all its values as they are now (passwords masked). */
public record ConfigurationUpdate(String pid, Map<String, Object> values) {
}
