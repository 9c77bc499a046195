package dev.pergola.alerts.internal.store;

import java.time.Instant;
import java.util.List;

/**
 * One alert as the API shows it. {@code value} is the latest observed value (when triggered, at each reminder, when
 * resolved); {@code history} is filled when a single alert is read.
 */
public record AlertDto(String id, String ruleId, String ruleName, String severity, String metricType,
        String condition, double threshold, String status, Double value, Instant triggeredAt,
        Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, Instant lastNotifiedAt, int reminders,
        List<HistoryEntry> history) {

    /** One step of an alert's life: the status it entered, the value then, who did it (for acknowledgements). */
    public record HistoryEntry(String status, Double value, String actor, Instant at) {
    }

    public AlertDto withHistory(List<HistoryEntry> entries) {
        return new AlertDto(id, ruleId, ruleName, severity, metricType, condition, threshold, status, value,
                triggeredAt, acknowledgedAt, acknowledgedBy, resolvedAt, lastNotifiedAt, reminders, entries);
    }
}
