package dev.pergola.mail.internal.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.health.HealthResult;
import dev.pergola.mail.internal.delivery.MailConfig;
import dev.pergola.mail.internal.delivery.MailSender;
import dev.pergola.mail.internal.delivery.SmtpSettings;

/**
 * {@code email} in {@code /api/health}: WARN when SMTP is not configured (mail waits in the queue), when the last
 * attempt failed (server unreachable, refused login), when a pending message is late, when too many are pending
 * ({@code health.backlog.max}), or when messages have an
 * unknown outcome waiting for an admin. Never DOWN: a mail server outage must not take the node out of service.
 */
@Component
@HealthCheckService(name = "email", tags = "delivery")
public class MailHealthCheck implements HealthCheck {
    private final EmailQueue queue;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MailSender sender;

    @Activate
    public MailHealthCheck(@Reference EmailQueue queue) {
        this.queue = queue;
    }

    @Override
    public HealthResult check() {
        MailSender running = sender;
        if (running == null) {
            return HealthResult.warn("the email sender is not running", Map.of());
        }
        MailConfig c = running.config();
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            details.putAll(queue.counts(Instant.now().minus(Duration.ofSeconds(c.health_late_seconds()))));
        } catch (RuntimeException e) {
            return HealthResult.warn("cannot read the email queue: " + e.getMessage(), Map.of());
        }
        String missing = SmtpSettings.of(c).missing();
        if (missing != null) {
            return HealthResult.warn(missing + "; " + details.get("pending") + " email(s) wait in the queue", details);
        }
        details.put("smtp", c.host() + ":" + c.port());
        if (running.paused()) {
            return HealthResult.warn("delivery is paused (a restore is running)", details);
        }
        if (running.lastError() != null) {
            details.put("last_error_at", running.lastErrorAt());
            return HealthResult.warn("the last delivery attempt failed: " + running.lastError(), details);
        }
        return backlog(details, c.health_late_seconds(), c.health_backlog_max());
    }

    /** The queue's part of the verdict, once the sender itself is fine. */
    static HealthResult backlog(Map<String, Object> details, long lateSeconds, long backlogMax) {
        if (((Number) details.get("late")).longValue() > 0) {
            return HealthResult.warn(details.get("late") + " email(s) have waited more than " + lateSeconds
                    + " s", details);
        }
        long pending = ((Number) details.get("pending")).longValue();
        if (pending > backlogMax) {
            return HealthResult.warn(pending + " email(s) are pending, more than " + backlogMax
                    + ": the queue is backing up", details);
        }
        if (((Number) details.get("unknown")).longValue() > 0) {
            return HealthResult.warn(details.get("unknown") + " email(s) have an unknown outcome (their sender stopped"
                    + " mid-send): review them in the email queue", details);
        }
        return HealthResult.up(details.get("pending") + " email(s) pending", details);
    }
}
