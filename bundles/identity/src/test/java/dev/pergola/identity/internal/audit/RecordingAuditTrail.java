package dev.pergola.identity.internal.audit;

import java.sql.Connection;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;

/** An audit trail in memory for unit tests: keeps each entry with the origin bound when it was recorded. */
public final class RecordingAuditTrail implements AuditTrail {
    /** An entry as written, and the origin then bound on the thread. */
    public record Written(AuditEntry entry, AuditOrigin bound, boolean inTransaction) {
    }

    public final List<Written> written = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Deque<Counted>> bound = ThreadLocal.withInitial(ArrayDeque::new);

    private final class Counted implements Binding {
        final AuditOrigin origin;
        int recorded;

        Counted(AuditOrigin origin) {
            this.origin = origin;
        }

        @Override
        public int recorded() {
            return recorded;
        }

        @Override
        public void close() {
            bound.get().remove(this);
        }
    }

    /** An {@link IdentityAudit} writing here, with no shell command running. */
    public IdentityAudit identityAudit() {
        return new IdentityAudit(this, new ShellInvocations());
    }

    /** An entity manager standing for a transaction: it unwraps to no connection (this trail needs none). */
    public static javax.persistence.EntityManager transaction() {
        return (javax.persistence.EntityManager) java.lang.reflect.Proxy.newProxyInstance(
                RecordingAuditTrail.class.getClassLoader(), new Class<?>[] {javax.persistence.EntityManager.class},
                (proxy, method, args) -> null);
    }

    public List<String> actions() {
        return written.stream().map(w -> w.entry().action()).toList();
    }

    @Override
    public void record(Connection transaction, AuditEntry entry) {
        write(entry, true);
    }

    @Override
    public void record(AuditEntry entry) {
        write(entry, false);
    }

    private void write(AuditEntry entry, boolean inTransaction) {
        written.add(new Written(entry, origin(), inTransaction));
        Counted innermost = bound.get().peek();
        if (innermost != null) {
            innermost.recorded++;
        }
    }

    @Override
    public Binding bind(AuditOrigin origin) {
        Counted c = new Counted(origin);
        bound.get().push(c);
        return c;
    }

    @Override
    public AuditOrigin origin() {
        Counted c = bound.get().peek();
        return c == null ? AuditOrigin.SYSTEM : c.origin;
    }
}
