package dev.pergola.alerts.internal.notify;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.alerts.internal.rule.AlertRule;
import dev.pergola.alerts.internal.rule.Numbers;
import dev.pergola.alerts.internal.store.AlertDto;
import dev.pergola.api.mail.Mailer;
import dev.pergola.api.mail.TemplatedMail;

/**
 * Mails about an alert to the rule's addresses, through the bundle's template {@value #TEMPLATE} (EN, ES). Called
 * after the transition committed: a mail that cannot be queued is logged and does not undo the transition.
 */
public final class AlertMails {
    public static final String TEMPLATE = "alerts.notification";
    private static final Logger LOG = LoggerFactory.getLogger(AlertMails.class);

    /** Why a mail is sent; the template words it. */
    public enum Kind { TRIGGERED, REMINDER, RESOLVED }

    private final Mailer mailer;

    public AlertMails(Mailer mailer) {
        this.mailer = mailer;
    }

    /** @return how many mails were queued */
    public int send(Kind kind, AlertRule rule, AlertDto alert) {
        int sent = 0;
        for (String to : rule.channels().emails()) {
            try {
                mailer.send(new TemplatedMail(TEMPLATE, to, null, model(kind, rule, alert), "alerts"));
                sent++;
            } catch (RuntimeException e) {
                LOG.warn("Alert {} ({}): the {} mail to {} could not be queued: {}", alert.id(), rule.name(),
                        kind, to, e.getMessage());
            }
        }
        return sent;
    }

    static Map<String, Object> model(Kind kind, AlertRule rule, AlertDto alert) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        model.put("rule_name", rule.name());
        model.put("description", rule.description() == null ? "" : rule.description());
        model.put("severity", rule.severity());
        model.put("metric", rule.metricType());
        model.put("condition", rule.condition());
        model.put("threshold", Numbers.format(rule.threshold()));
        model.put("value", alert.value() == null ? "-" : Numbers.format(alert.value()));
        model.put("alert_id", alert.id());
        model.put("triggered_at", alert.triggeredAt().toString());
        model.put("reminders", alert.reminders());
        return model;
    }
}
