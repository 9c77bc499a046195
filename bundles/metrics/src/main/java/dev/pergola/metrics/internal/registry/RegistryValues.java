package dev.pergola.metrics.internal.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.metrics.Statistic;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/** Reads the registry for alert rules, history and system info: sums over the series that match some tags. */
@Component(service = MetricValues.class)
public final class RegistryValues implements MetricValues {
    private final PlatformRegistry platform;

    @Activate
    public RegistryValues(@Reference PlatformRegistry platform) {
        this.platform = platform;
    }

    @Override
    public OptionalDouble value(String name, Statistic statistic, Map<String, String> tags) {
        double sum = 0;
        double max = Double.NaN;
        double count = 0;
        boolean found = false;
        for (Meter meter : series(name, tags)) {
            Reading r = Reading.of(meter);
            double v = switch (statistic) {
                case VALUE -> r.value();
                case TOTAL_SECONDS, MEAN_SECONDS -> r.totalSeconds();
                case MAX_SECONDS -> r.maxSeconds();
            };
            if (Double.isNaN(v)) {
                continue;
            }
            found = true;
            sum += v;
            count += r.value();
            max = Double.isNaN(max) ? v : Math.max(max, v);
        }
        if (!found) {
            return OptionalDouble.empty();
        }
        return switch (statistic) {
            case MAX_SECONDS -> OptionalDouble.of(max);
            case MEAN_SECONDS -> OptionalDouble.of(count == 0 ? 0 : sum / count);
            default -> OptionalDouble.of(sum);
        };
    }

    @Override
    public Optional<Histogram> histogram(String name, Map<String, String> tags) {
        return HistogramMerge.of(series(name, tags));
    }

    @Override
    public List<MetricInfo> list() {
        Map<String, List<Meter>> byName = new TreeMap<>();
        for (Meter meter : platform.registry().getMeters()) {
            byName.computeIfAbsent(meter.getId().getName(), n -> new ArrayList<>()).add(meter);
        }
        List<MetricInfo> infos = new ArrayList<>(byName.size());
        byName.forEach((name, meters) -> {
            Meter first = meters.get(0);
            List<Map<String, String>> series = meters.stream().map(m -> tagMap(m.getId().getTags()))
                    .sorted(Comparator.comparing(Object::toString)).toList();
            infos.add(new MetricInfo(name, Reading.of(first).kind(), first.getId().getDescription(), series));
        });
        return infos;
    }

    private Collection<Meter> series(String name, Map<String, String> tags) {
        Tags wanted = Tags.empty();
        for (Map.Entry<String, String> tag : tags == null ? Map.<String, String>of().entrySet() : tags.entrySet()) {
            wanted = wanted.and(tag.getKey(), tag.getValue());
        }
        return platform.registry().find(name).tags(wanted).meters();
    }

    private static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.getKey(), t.getValue()));
        return map;
    }
}
