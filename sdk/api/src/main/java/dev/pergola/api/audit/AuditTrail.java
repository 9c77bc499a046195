package dev.pergola.api.audit;

import java.sql.Connection;

import org.osgi.annotation.versioning.ProviderType;

import dev.pergola.api.errors.PergolaException;

/**
 * Records changes. A record is written in the caller's transaction, sealed into the hash chain shortly after it
 * commits, and then posted as the platform event of the same name (Event Admin, webhooks, live streams): an event is
 * announced once, after commit, and never for a change that rolled back.
 *
 * <p>From JPA, pass the transaction's connection: {@code audit.record(em.unwrap(Connection.class), entry)} inside
 * {@code JpaTemplate.tx(…)}.
 */
@ProviderType
public interface AuditTrail {
    /**
     * Writes {@code entry} with {@code transaction}, the JDBC connection of the transaction making the change (the
     * platform database). It commits or rolls back with that transaction.
     *
     * @throws PergolaException {@code SERVICE_UNAVAILABLE} when the record cannot be written: the caller's change
     *                          must then fail too
     */
    void record(Connection transaction, AuditEntry entry);

    /**
     * Writes {@code entry} in a transaction of its own: for what is not a database change (a failed login, a denied
     * request, a shell command, a plugin that failed to start).
     *
     * @throws PergolaException {@code SERVICE_UNAVAILABLE} when the record cannot be written
     */
    void record(AuditEntry entry);

    /**
     * Binds {@code origin} to the calling thread until the returned binding is closed; bindings nest (closing one
     * restores the previous origin). Use try-with-resources.
     */
    Binding bind(AuditOrigin origin);

    /** The origin bound to the calling thread, else {@link AuditOrigin#SYSTEM}. */
    AuditOrigin origin();

    /** An origin bound to a thread. */
    @ProviderType
    interface Binding extends AutoCloseable {
        /** How many records were written on this thread while this binding was the innermost one. */
        int recorded();

        @Override
        void close();
    }
}
