package dev.pergola.alerts.internal.rule;

import java.time.Instant;
import java.util.Map;

/**
 * A stored alert rule, as the API shows it. {@code condition} is the operator's symbol; {@code tags} and
 * {@code statistic} apply to {@code metric:} types only.
 */
public record AlertRule(String id, String name, String description, String metricType, Map<String, String> tags,
        String statistic, String condition, double threshold, int forSeconds, String severity, boolean enabled,
        Channels channels, int repeatIntervalSeconds, Instant createdAt, Instant updatedAt) {

    public Operator operator() {
        return Operator.parse(condition).orElseThrow();
    }

    public MetricType metric() {
        return MetricType.parse(metricType).orElseThrow();
    }

    /** A short text such as {@code cpu > 90}, for mails and lists. */
    public String describeCondition() {
        return metricType + " " + condition + " " + Numbers.format(threshold);
    }
}
