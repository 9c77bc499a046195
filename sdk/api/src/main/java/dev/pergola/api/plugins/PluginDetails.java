package dev.pergola.api.plugins;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything about one plugin, read from the framework: its registry view, its main bundle and member bundles
 * (a {@code .kar} has several), manifest headers, the permissions it declares, its DS components, the services
 * it registers, its REST endpoints ({@code "GET /api/v1/hello"}), requirements (met or missing), the plugins
 * that depend on it, and which bundles a refresh of it would restart. A plugin whose bundle is not installed
 * has {@code bundle == null} and empty lists.
 */
public record PluginDetails(PluginInfo plugin, BundleSummary bundle, List<MemberBundle> bundles,
        Map<String, String> headers, List<String> permissions, List<ComponentSummary> components,
        List<ServiceSummary> services, List<String> restEndpoints, List<Requirement> requirements,
        List<String> dependants, List<String> refreshRestarts) {

    /** The plugin's main bundle; {@code state} is the framework state in lower case ({@code active}, {@code resolved}, …). */
    public record BundleSummary(long id, String state, String location) {
    }

    /** One bundle the plugin brought (its main bundle and, for a {@code .kar}, its libraries). */
    public record MemberBundle(long id, String symbolicName, String version, String state) {
    }

    /** One DS component configuration: {@code state} is {@code active}, {@code satisfied}, {@code failed_activation}, …; {@code failure} its root cause or empty. */
    public record ComponentSummary(String name, String state, String failure) {
    }

    /** One service the plugin registered. */
    public record ServiceSummary(long id, List<String> objectClass) {
    }

    /** One requirement of the plugin's bundles; {@code provider} names the bundle that meets it, if any. */
    public record Requirement(String namespace, String filter, boolean met, String provider) {
    }

    public PluginDetails {
        bundles = List.copyOf(bundles);
        headers = Collections.unmodifiableMap(new TreeMap<>(headers)); // sorted: the same JSON every time
        permissions = List.copyOf(permissions);
        components = List.copyOf(components);
        services = List.copyOf(services);
        restEndpoints = List.copyOf(restEndpoints);
        requirements = List.copyOf(requirements);
        dependants = List.copyOf(dependants);
        refreshRestarts = List.copyOf(refreshRestarts);
    }

    /** The details of a plugin whose bundle is not installed (it failed, or a reconcile is due). */
    public static PluginDetails withoutBundle(PluginInfo plugin) {
        return new PluginDetails(plugin, null, List.of(), Map.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
    }
}
