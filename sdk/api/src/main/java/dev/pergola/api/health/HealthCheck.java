package dev.pergola.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A health check, registered as an OSGi service with the {@link HealthCheckService} property type.
 * {@code /api/health} runs every check; {@code /api/health/ready} runs those tagged {@code ready};
 * {@code /api/health/live} only tells that the platform answers.
 */
@ConsumerType
public interface HealthCheck {
    /** Must return quickly (well under a second) and never throw; a thrown exception counts as DOWN. */
    HealthResult check();
}
