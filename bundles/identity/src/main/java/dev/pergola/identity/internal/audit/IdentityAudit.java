package dev.pergola.identity.internal.audit;

import java.sql.Connection;
import java.util.Optional;

import javax.persistence.EntityManager;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.errors.PergolaException;

/**
 * How identity's services record what they do: a change inside its own transaction, a fact (a login, a lock) in a
 * transaction of its own. An entry made while a shell command runs carries that command's origin (see
 * {@link ShellInvocations}); otherwise the origin bound to the thread (the REST request) fills what it leaves null.
 */
@Component(service = IdentityAudit.class)
public class IdentityAudit {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityAudit.class);

    private final AuditTrail trail;
    private final ShellInvocations shell;

    @Activate
    public IdentityAudit(@Reference AuditTrail trail, @Reference ShellInvocations shell) {
        this.trail = trail;
        this.shell = shell;
    }

    /**
     * Writes {@code entry} with the transaction of {@code em} (call it inside {@code jpa.tx}): it commits or rolls
     * back with the change. @throws PergolaException SERVICE_UNAVAILABLE when it cannot be written (the change fails)
     */
    public void inTransaction(EntityManager em, AuditEntry entry) {
        Optional<ShellInvocation> command = shell.current();
        trail.record(em.unwrap(Connection.class), fromShell(entry, command));
        command.ifPresent(ShellInvocation::counted);
    }

    /** Writes a fact that is no database change. @throws PergolaException SERVICE_UNAVAILABLE when it cannot be */
    public void fact(AuditEntry entry) {
        Optional<ShellInvocation> command = shell.current();
        trail.record(fromShell(entry, command));
        command.ifPresent(ShellInvocation::counted);
    }

    /** A fact recorded after the answer is decided (a lock, a 403): a failure to write it is logged, not thrown. */
    public void factQuietly(AuditEntry entry) {
        try {
            fact(entry);
        } catch (RuntimeException e) {
            LOG.error("The audit record {} could not be written: {}", entry.action(), e.getMessage());
        }
    }

    /** Where the calling thread's changes come from: its shell command, else the bound origin. */
    public AuditOrigin origin() {
        return shell.current().map(ShellInvocation::origin).orElseGet(trail::origin);
    }

    AuditTrail trail() {
        return trail;
    }

    private static AuditEntry fromShell(AuditEntry entry, Optional<ShellInvocation> command) {
        return entry.origin() != null || command.isEmpty() ? entry : entry.withOrigin(command.get().origin());
    }
}
