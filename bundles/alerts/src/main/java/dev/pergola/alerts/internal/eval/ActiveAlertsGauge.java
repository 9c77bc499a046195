package dev.pergola.alerts.internal.eval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.alerts.internal.rule.RuleValidation;
import dev.pergola.alerts.internal.store.AlertStore;
import dev.pergola.api.metrics.Meters;

/**
 * {@code pergola.alerts.active{severity}}: open (triggered or acknowledged) alerts. A component of its own so that
 * only it needs the metrics bundle; the counts are read at most every {@link #TTL} (a scrape must stay cheap).
 */
@Component(service = ActiveAlertsGauge.class, immediate = true)
public class ActiveAlertsGauge {
    static final Duration TTL = Duration.ofSeconds(10);

    private final AlertStore alerts;
    private final Clock clock;
    private Map<String, Long> counts = Map.of();
    private Instant readAt = Instant.MIN;

    @Activate
    public ActiveAlertsGauge(@Reference Meters meters, @Reference AlertStore alerts) {
        this(meters, alerts, Clock.systemUTC());
    }

    ActiveAlertsGauge(Meters meters, AlertStore alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
        for (String severity : RuleValidation.SEVERITIES) {
            meters.gauge("pergola.alerts.active", "Open alerts (triggered or acknowledged)", () -> open(severity),
                    "severity", severity);
        }
    }

    /** NaN when the count cannot be read now. */
    synchronized double open(String severity) {
        Instant now = clock.instant();
        if (now.isAfter(readAt.plus(TTL))) {
            try {
                counts = alerts.openBySeverity();
                readAt = now;
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }
        Long n = counts.get(severity);
        return n == null ? 0 : n;
    }
}
