package dev.pergola.alerts.internal.rule;

import java.util.Map;

/**
 * A rule as a client writes it (create, replace, patch). Every field may be null: on create and replace a missing
 * field takes its default or is reported, on patch it keeps the stored value ({@link #over}).
 */
public record RuleInput(String name, String description, String metricType, Map<String, String> tags,
        String statistic, String condition, Double threshold, Integer forSeconds, String severity, Boolean enabled,
        Channels channels, Integer repeatIntervalSeconds) {

    /** This patch applied on {@code stored}: what this input leaves null comes from the stored rule. */
    public RuleInput over(AlertRule stored) {
        return new RuleInput(pick(name, stored.name()), pick(description, stored.description()),
                pick(metricType, stored.metricType()), pick(tags, stored.tags()), pick(statistic, stored.statistic()),
                pick(condition, stored.condition()), pick(threshold, stored.threshold()),
                pick(forSeconds, stored.forSeconds()), pick(severity, stored.severity()),
                pick(enabled, stored.enabled()), pick(channels, stored.channels()),
                pick(repeatIntervalSeconds, stored.repeatIntervalSeconds()));
    }

    private static <T> T pick(T given, T stored) {
        return given != null ? given : stored;
    }
}
