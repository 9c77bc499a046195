package dev.pergola.plugins.internal.rest;

import java.util.List;
import java.util.Map;

import dev.pergola.api.plugins.PluginDetails;
import dev.pergola.api.plugins.PluginInfo;

/**
 * {@code GET /api/v1/plugins/{slug}}: the plugin's details as {@link PluginDetails} has them, plus its request
 * figures under {@code metrics} (null while the metrics bundle is not running). The REST layer adds them so the
 * {@code sdk/api} record stays as it is.
 */
public record PluginDetailsAnswer(PluginInfo plugin, PluginDetails.BundleSummary bundle,
        List<PluginDetails.MemberBundle> bundles, Map<String, String> headers, List<String> permissions,
        List<PluginDetails.ComponentSummary> components, List<PluginDetails.ServiceSummary> services,
        List<String> restEndpoints, List<PluginDetails.Requirement> requirements, List<String> dependants,
        List<String> refreshRestarts, PluginRequestFigures metrics) {

    static PluginDetailsAnswer of(PluginDetails d, PluginRequestFigures metrics) {
        return new PluginDetailsAnswer(d.plugin(), d.bundle(), d.bundles(), d.headers(), d.permissions(),
                d.components(), d.services(), d.restEndpoints(), d.requirements(), d.dependants(), d.refreshRestarts(),
                metrics);
    }
}
