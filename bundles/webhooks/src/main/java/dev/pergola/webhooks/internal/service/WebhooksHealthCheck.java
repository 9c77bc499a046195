package dev.pergola.webhooks.internal.service;

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
import dev.pergola.webhooks.internal.delivery.DeliveryEngine;
import dev.pergola.webhooks.internal.delivery.WebhooksConfig;
import dev.pergola.webhooks.internal.store.Backlog;
import dev.pergola.webhooks.internal.store.DeliveryQueue;

/**
 * {@code webhooks} in {@code /api/health}: WARN when deliveries back up (one waited longer than
 * {@code health.late.seconds}), when more than {@code health.backlog.max} wait, when a subscription keeps failing, or when the delivery engine is not running. Never
 * DOWN and not part of readiness: a dead receiver must not take the node out of the load balancer.
 */
@Component
@HealthCheckService(name = "webhooks", tags = "delivery")
public class WebhooksHealthCheck implements HealthCheck {
    private final DeliveryQueue queue;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DeliveryEngine engine;

    @Activate
    public WebhooksHealthCheck(@Reference DeliveryQueue queue) {
        this.queue = queue;
    }

    @Override
    public HealthResult check() {
        DeliveryEngine running = engine;
        if (running == null) {
            return HealthResult.warn("the delivery engine is not running (it waits for the event log)", Map.of());
        }
        WebhooksConfig c = running.config();
        Backlog backlog;
        try {
            backlog = queue.backlog(Instant.now(), Duration.ofSeconds(c.health_late_seconds()), c.health_failing_attempts());
        } catch (RuntimeException e) {
            return HealthResult.warn("cannot read the delivery queue: " + e.getMessage(), Map.of());
        }
        return assess(backlog, c.health_late_seconds(), c.health_backlog_max());
    }

    static HealthResult assess(Backlog backlog, long lateSeconds) {
        return assess(backlog, lateSeconds, Long.MAX_VALUE);
    }

    static HealthResult assess(Backlog backlog, long lateSeconds, long maxWaiting) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("waiting", backlog.waiting());
        details.put("late", backlog.late());
        details.put("failing_webhooks", backlog.failing());
        if (backlog.late() > 0) {
            return HealthResult.warn(backlog.late() + " deliveries have waited more than " + lateSeconds + " s", details);
        }
        if (backlog.waiting() > maxWaiting) {
            return HealthResult.warn(backlog.waiting() + " deliveries are waiting, more than " + maxWaiting
                    + ": the queue is backing up", details);
        }
        if (!backlog.failing().isEmpty()) {
            return HealthResult.warn(backlog.failing().size() + " webhook(s) keep failing: "
                    + String.join(", ", backlog.failing().keySet()), details);
        }
        return HealthResult.up(backlog.waiting() + " deliveries waiting", details);
    }
}
