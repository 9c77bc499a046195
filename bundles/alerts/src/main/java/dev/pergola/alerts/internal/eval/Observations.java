package dev.pergola.alerts.internal.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.pergola.alerts.internal.rule.AlertRule;
import dev.pergola.alerts.internal.rule.MeterStatistic;
import dev.pergola.alerts.internal.rule.MetricType;
import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthResult;
import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.metrics.Statistic;

/**
 * Reads the value a rule compares with its threshold. Rates and interval figures (a counter's rate,
 * {@code error_rate}, {@code latency_p95_ms}) compare this reading with the previous one of the same rule, so the
 * first reading of such a rule has no value. Without the metrics bundle, metric rules have no value (they neither
 * fire nor resolve); health rules and {@code memory}/{@code disk} still work.
 */
public final class Observations {
    static final String REQUESTS = "pergola.requests";
    static final String DURATION = "pergola.request.duration";

    private final Supplier<MetricValues> metrics;
    private final Function<String, Optional<HealthCheck>> checks;
    private final SystemReadings system;
    private final Map<String, Object> previous = new ConcurrentHashMap<>();

    public Observations(Supplier<MetricValues> metrics, Function<String, Optional<HealthCheck>> checks,
            SystemReadings system) {
        this.metrics = metrics;
        this.checks = checks;
        this.system = system;
    }

    public OptionalDouble read(AlertRule rule, Instant now) {
        MetricType type = rule.metric();
        return switch (type.kind()) {
            case HEALTH -> checks.apply(type.name()).map(Observations::level).orElse(OptionalDouble.empty());
            case METRIC -> meter(rule, type.name(), now);
            case BUILTIN -> builtin(rule.id(), type.name());
        };
    }

    /** Forgets the previous readings of rules no longer evaluated. */
    public void retain(Set<String> ruleIds) {
        previous.keySet().retainAll(ruleIds);
    }

    private OptionalDouble builtin(String ruleId, String alias) {
        MetricValues m = metrics.get();
        return switch (alias) {
            case "memory" -> system.heapUsedPercent();
            case "disk" -> system.diskUsedPercent();
            case "cpu" -> m == null ? OptionalDouble.empty() : scaled(m.value("process.cpu.usage", Statistic.VALUE, Map.of()));
            case "error_rate" -> m == null ? OptionalDouble.empty() : errorRate(ruleId, m);
            case "latency_p95_ms" -> m == null ? OptionalDouble.empty() : latency(ruleId, m);
            default -> OptionalDouble.empty();
        };
    }

    private OptionalDouble meter(AlertRule rule, String name, Instant now) {
        MetricValues m = metrics.get();
        if (m == null) {
            return OptionalDouble.empty();
        }
        MeterStatistic statistic = MeterStatistic.parse(rule.statistic()).orElse(MeterStatistic.VALUE);
        OptionalDouble value = m.value(name, statistic.read(), rule.tags());
        if (statistic != MeterStatistic.RATE || value.isEmpty()) {
            return value;
        }
        Sample current = new Sample(value.getAsDouble(), now);
        Object before = previous.put(rule.id(), current);
        if (!(before instanceof Sample last) || !now.isAfter(last.at())) {
            return OptionalDouble.empty();
        }
        double seconds = Duration.between(last.at(), now).toMillis() / 1000.0;
        return OptionalDouble.of(Math.max(0, current.value() - last.value()) / seconds);
    }

    private OptionalDouble errorRate(String ruleId, MetricValues m) {
        OptionalDouble all = m.value(REQUESTS, Statistic.VALUE, Map.of());
        if (all.isEmpty()) {
            return OptionalDouble.empty();
        }
        double errors = m.list().stream().filter(i -> i.name().equals(REQUESTS)).flatMap(i -> i.series().stream())
                .filter(tags -> tags.getOrDefault("status", "").startsWith("5"))
                .mapToDouble(tags -> m.value(REQUESTS, Statistic.VALUE, tags).orElse(0)).sum();
        double[] current = {all.getAsDouble(), errors};
        Object before = previous.put(ruleId, current);
        if (!(before instanceof double[] last)) {
            return OptionalDouble.empty();
        }
        double requests = current[0] - last[0];
        return OptionalDouble.of(requests <= 0 ? 0 : 100.0 * Math.max(0, current[1] - last[1]) / requests);
    }

    private OptionalDouble latency(String ruleId, MetricValues m) {
        Optional<MetricValues.Histogram> now = m.histogram(DURATION, Map.of());
        if (now.isEmpty()) {
            return OptionalDouble.empty();
        }
        Object before = previous.put(ruleId, now.get());
        if (!(before instanceof MetricValues.Histogram last)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Percentiles.p95Millis(last, now.get()));
    }

    private static OptionalDouble level(HealthCheck check) {
        try {
            HealthResult.Status status = check.check().status();
            return OptionalDouble.of(status == HealthResult.Status.UP ? 0 : status == HealthResult.Status.WARN ? 1 : 2);
        } catch (RuntimeException e) {
            return OptionalDouble.of(2);
        }
    }

    private static OptionalDouble scaled(OptionalDouble fraction) {
        return fraction.isPresent() ? OptionalDouble.of(fraction.getAsDouble() * 100) : fraction;
    }

    private record Sample(double value, Instant at) {
    }
}
