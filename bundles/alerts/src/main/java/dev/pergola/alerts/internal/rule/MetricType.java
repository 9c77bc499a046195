package dev.pergola.alerts.internal.rule;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a rule watches: a built-in alias ({@link #ALIASES}), {@code metric:<meter name>} (any meter the platform or a
 * plugin registered) or {@code health:<check name>} (0 = UP, 1 = WARN, 2 = DOWN).
 */
public record MetricType(Kind kind, String name) {
    public enum Kind { BUILTIN, METRIC, HEALTH }

    /** Percent CPU of this process, percent heap used, percent disk used (Karaf data), 5xx percent, p95 in ms. */
    public static final List<String> ALIASES = List.of("cpu", "memory", "disk", "error_rate", "latency_p95_ms");
    public static final String METRIC_PREFIX = "metric:";
    public static final String HEALTH_PREFIX = "health:";
    private static final Pattern METER = Pattern.compile("[a-z][a-z0-9_.]{0,150}");
    private static final Pattern CHECK = Pattern.compile("[a-z][a-z0-9_.-]{0,150}");

    /** The type named by {@code text}, or empty when it is none of the three forms. */
    public static Optional<MetricType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (ALIASES.contains(t)) {
            return Optional.of(new MetricType(Kind.BUILTIN, t));
        }
        if (t.startsWith(METRIC_PREFIX) && METER.matcher(t.substring(METRIC_PREFIX.length())).matches()) {
            return Optional.of(new MetricType(Kind.METRIC, t.substring(METRIC_PREFIX.length())));
        }
        if (t.startsWith(HEALTH_PREFIX) && CHECK.matcher(t.substring(HEALTH_PREFIX.length())).matches()) {
            return Optional.of(new MetricType(Kind.HEALTH, t.substring(HEALTH_PREFIX.length())));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return switch (kind) {
            case BUILTIN -> name;
            case METRIC -> METRIC_PREFIX + name;
            case HEALTH -> HEALTH_PREFIX + name;
        };
    }
}
