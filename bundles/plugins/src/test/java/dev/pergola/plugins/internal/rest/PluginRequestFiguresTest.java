package dev.pergola.plugins.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.Test;

import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.metrics.Statistic;

public class PluginRequestFiguresTest {
    /** Request counts per (plugin, status) and a mean duration per plugin, summed over matching tags like the platform's. */
    private static MetricValues meters(Map<List<String>, Double> counts, Map<String, Double> meanSeconds) {
        return new MetricValues() {
            @Override
            public OptionalDouble value(String name, Statistic statistic, Map<String, String> tags) {
                if (name.equals("pergola.request.duration") && statistic == Statistic.MEAN_SECONDS) {
                    Double mean = meanSeconds.get(tags.get("plugin"));
                    return mean == null ? OptionalDouble.empty() : OptionalDouble.of(mean);
                }
                double sum = 0;
                boolean any = false;
                for (Map.Entry<List<String>, Double> e : counts.entrySet()) {
                    if (e.getKey().get(0).equals(tags.get("plugin"))
                            && (!tags.containsKey("status") || e.getKey().get(1).equals(tags.get("status")))) {
                        sum += e.getValue();
                        any = true;
                    }
                }
                return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
            }

            @Override
            public Optional<Histogram> histogram(String name, Map<String, String> tags) {
                return Optional.empty();
            }

            @Override
            public List<MetricInfo> list() {
                return List.of(new MetricInfo("pergola.requests", "counter", "", counts.keySet().stream()
                        .map(k -> Map.of("plugin", k.get(0), "status", k.get(1))).toList()));
            }
        };
    }

    @Test
    public void countsTheRequestsTheirMeanAndTheShareOfServerErrors() {
        MetricValues values = meters(Map.of(List.of("notes", "200"), 90.0, List.of("notes", "404"), 6.0,
                List.of("notes", "500"), 4.0, List.of("core", "500"), 50.0), Map.of("notes", 0.0123));
        PluginRequestFigures f = PluginRequestFigures.of(values, "notes");
        assertEquals(100, f.totalRequests());
        assertEquals(12.3, f.averageResponseTimeMs(), 1e-9);
        assertEquals(0.04, f.errorRate(), 1e-9);
    }

    @Test
    public void aPluginNotCalledYetHasZeroRequestsAndNoMean() {
        PluginRequestFigures f = PluginRequestFigures.of(meters(Map.of(List.of("core", "200"), 5.0), Map.of()), "notes");
        assertEquals(0, f.totalRequests());
        assertNull(f.averageResponseTimeMs());
        assertEquals(0.0, f.errorRate(), 0);
    }
}
