package dev.pergola.audit.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.health.HealthResult;
import dev.pergola.audit.internal.query.AuditRecords;

/**
 * {@code audit} in {@code /api/health}: WARN while records older than a minute are still unsealed — the sealer is
 * stuck, so their events are not out yet. Not part of readiness: the node still serves (and records) meanwhile; the
 * platform's {@code database} check covers an unreachable database.
 */
@Component
@HealthCheckService(name = "audit", tags = "audit")
public class AuditHealthCheck implements HealthCheck {
    static final Duration STUCK = Duration.ofMinutes(1);

    private final AuditRecords records;

    @Activate
    public AuditHealthCheck(@Reference AuditRecords records) {
        this.records = records;
    }

    @Override
    public HealthResult check() {
        long stuck;
        try {
            stuck = records.unsealedBefore(Instant.now().minus(STUCK));
        } catch (SQLException e) {
            return HealthResult.warn("cannot read the audit trail: " + e.getMessage(), Map.of());
        }
        Map<String, Object> details = Map.of("unsealed_over_1_minute", stuck);
        return stuck == 0 ? HealthResult.up("audit records are sealed", details)
                : HealthResult.warn(stuck + " audit records written over a minute ago are still unsealed (the sealer"
                        + " is stuck; see the log)", details);
    }
}
