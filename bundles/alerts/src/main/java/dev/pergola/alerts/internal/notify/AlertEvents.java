package dev.pergola.alerts.internal.notify;

import dev.pergola.alerts.internal.rule.AlertRule;
import dev.pergola.alerts.internal.rule.Numbers;
import dev.pergola.alerts.internal.store.AlertDto;
import dev.pergola.api.audit.AuditEntry;

/**
 * The audit records of alert transitions, which the platform then posts as {@code alert.triggered|acknowledged|
 * resolved}. Their {@code webhook_ids} detail names the subscriptions the rule notifies: the webhooks bundle delivers
 * an {@code alert.*} event to them even when their own event filter does not name it.
 */
public final class AlertEvents {
    /** Event data key listing the webhook subscriptions a rule notifies. */
    public static final String WEBHOOK_IDS = "webhook_ids";

    private AlertEvents() {
    }

    public static AuditEntry entry(String type, AlertRule rule, AlertDto alert) {
        AuditEntry e = AuditEntry.of(type).withTarget("alert", alert.id(), rule.name())
                .withDetail("alert_id", alert.id()).withDetail("rule_id", rule.id())
                .withDetail("rule_name", rule.name()).withDetail("severity", rule.severity())
                .withDetail("metric", rule.metricType()).withDetail("condition", rule.condition())
                .withDetail("threshold", rule.threshold()).withDetail("status", alert.status());
        if (alert.value() != null) {
            e = e.withDetail("value", alert.value()).withDetail("value_text", Numbers.format(alert.value()));
        }
        if (!rule.channels().webhookIds().isEmpty()) {
            e = e.withDetail(WEBHOOK_IDS, rule.channels().webhookIds());
        }
        return e;
    }
}
