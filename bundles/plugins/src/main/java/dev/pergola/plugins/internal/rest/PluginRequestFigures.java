package dev.pergola.plugins.internal.rest;

import java.util.Map;

import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.metrics.MetricValues.MetricInfo;
import dev.pergola.api.metrics.Statistic;

/**
 * A plugin's REST figures since the platform started, from the request meters the platform tags with the plugin's
 * slug: requests answered, mean duration, and the share answered 5xx.
 *
 * @param averageResponseTimeMs null before the first request
 * @param errorRate 5xx answers / requests, 0 before the first request
 */
public record PluginRequestFigures(long totalRequests, Double averageResponseTimeMs, double errorRate) {
    static final String REQUESTS = "pergola.requests";
    static final String DURATION = "pergola.request.duration";

    static PluginRequestFigures of(MetricValues values, String slug) {
        Map<String, String> plugin = Map.of("plugin", slug);
        long total = Math.round(values.value(REQUESTS, Statistic.VALUE, plugin).orElse(0));
        double errors = 0;
        for (MetricInfo info : values.list()) {
            if (info.name().equals(REQUESTS)) {
                for (Map<String, String> tags : info.series()) {
                    if (slug.equals(tags.get("plugin")) && tags.getOrDefault("status", "").startsWith("5")) {
                        errors += values.value(REQUESTS, Statistic.VALUE, tags).orElse(0);
                    }
                }
            }
        }
        var mean = values.value(DURATION, Statistic.MEAN_SECONDS, plugin);
        Double average = mean.isPresent() && !Double.isNaN(mean.getAsDouble())
                ? Math.round(mean.getAsDouble() * 100_000) / 100.0 : null;
        double rate = total == 0 ? 0 : Math.round(errors / total * 10_000) / 10_000.0;
        return new PluginRequestFigures(total, average, rate);
    }
}
