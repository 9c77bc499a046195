package dev.pergola.plugins.internal.rest;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.pergola.api.plugins.PluginInfo;

/** The REST shape of a plugin. */
final class PluginJson {
    private PluginJson() {
    }

    static Map<String, Object> of(PluginInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", p.slug());
        m.put("name", p.name());
        m.put("version", p.version());
        m.put("state", p.state().apiName());
        m.put("enabled", p.enabled());
        m.put("symbolic_name", p.symbolicName());
        m.put("description", p.description());
        m.put("vendor", p.vendor());
        m.put("last_error", p.lastError());
        m.put("checksum", p.checksum());
        m.put("size", p.size());
        m.put("bundle_id", p.bundleId() < 0 ? null : p.bundleId());
        m.put("installed_at", p.installedAt().truncatedTo(ChronoUnit.MILLIS).toString());
        m.put("installed_by", p.installedBy());
        m.put("updated_at", p.updatedAt().truncatedTo(ChronoUnit.MILLIS).toString());
        m.put("updated_by", p.updatedBy());
        return m;
    }
}
