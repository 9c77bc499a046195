package dev.pergola.monitoring.internal.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.metrics.Statistic;

/** Meters set by the test: values per (name, tags), one histogram per name; sums over matching tags like the real one. */
final class FakeMetricValues implements MetricValues {
    private final Map<String, Map<Map<String, String>, Double>> values = new LinkedHashMap<>();
    private final Map<String, Histogram> histograms = new LinkedHashMap<>();

    FakeMetricValues set(String name, double value, String... tags) {
        Map<String, String> t = new LinkedHashMap<>();
        for (int i = 0; i < tags.length; i += 2) {
            t.put(tags[i], tags[i + 1]);
        }
        values.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(t, value);
        return this;
    }

    FakeMetricValues histogram(String name, double[] bounds, long... cumulative) {
        histograms.put(name, new Histogram(bounds, cumulative, cumulative[cumulative.length - 1], 0));
        return this;
    }

    @Override
    public OptionalDouble value(String name, Statistic statistic, Map<String, String> tags) {
        Map<Map<String, String>, Double> series = values.get(name);
        if (series == null) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        boolean any = false;
        for (Map.Entry<Map<String, String>, Double> e : series.entrySet()) {
            if (e.getKey().entrySet().containsAll(tags.entrySet())) {
                sum += e.getValue();
                any = true;
            }
        }
        return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    @Override
    public Optional<Histogram> histogram(String name, Map<String, String> tags) {
        return Optional.ofNullable(histograms.get(name));
    }

    @Override
    public List<MetricInfo> list() {
        List<MetricInfo> list = new ArrayList<>();
        values.forEach((name, series) -> list.add(new MetricInfo(name, "counter", "", List.copyOf(series.keySet()))));
        return list;
    }
}
