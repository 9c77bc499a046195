package dev.pergola.api.audit;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Knows the origin of work that runs where no origin is bound to the thread: a Karaf shell command, which Gogo runs
 * on threads of its own pool while the operator's JAAS Subject travels with it (identity provides that source).
 * For a record written without an origin of its own and with nothing bound to the thread, the audit trail asks its
 * sources in service-ranking order and uses the first answer, else {@link AuditOrigin#SYSTEM}.
 */
@ConsumerType
public interface AuditOriginSource {
    /** The origin of the calling context, or null when this source does not know it. */
    AuditOrigin origin();

    /**
     * A record was just written on this thread while this source knew its origin ({@code origin}, as
     * {@link #origin()} returned it), whatever origin the entry itself carried: for sources that count what their
     * work recorded (a shell command that recorded nothing is recorded as a bare command).
     */
    default void recorded(AuditOrigin origin) {
    }
}
