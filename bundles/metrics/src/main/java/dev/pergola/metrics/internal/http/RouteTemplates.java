package dev.pergola.metrics.internal.http;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.ws.rs.Path;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * What a request is counted under: the route template of the matched resource method ({@code /api/v1/users/{id}}),
 * never the concrete path (ids would make a series per user), and the plugin slug of the bundle that registered the
 * resource ({@code core} for the platform's own). Both are computed once per method, kept with the class (a
 * {@link ClassValue}, so an uninstalled plugin's classes are not held here).
 */
final class RouteTemplates {
    static final String UNMATCHED = "UNMATCHED";
    static final String PLUGIN_HEADER = "Pergola-Plugin";

    record Route(String endpoint, String plugin) {
    }

    private final String base;
    private final ClassValue<Map<Method, Route>> routes = new ClassValue<>() {
        @Override
        protected Map<Method, Route> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    RouteTemplates(String base) {
        this.base = base;
    }

    Route of(Class<?> type, Method method) {
        if (type == null || method == null) {
            return new Route(UNMATCHED, "core");
        }
        return routes.get(type).computeIfAbsent(method, m -> new Route(template(type, m), plugin(type)));
    }

    String template(Class<?> type, Method method) {
        String joined = base + "/" + path(type.getAnnotation(Path.class)) + "/" + path(method.getAnnotation(Path.class));
        String collapsed = joined.replaceAll("/{2,}", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1)
                : collapsed;
    }

    /** A path's text with regular expressions dropped: {@code {id: [0-9]+}} is counted as {@code {id}}. */
    static String path(Path path) {
        return path == null ? "" : path.value().replaceAll("\\{\\s*([^:}\\s]+)\\s*(:[^}]*)?}", "{$1}");
    }

    static String plugin(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        String slug = bundle == null ? null : bundle.getHeaders("").get(PLUGIN_HEADER);
        return slug == null || slug.isBlank() ? "core" : slug.trim();
    }
}
