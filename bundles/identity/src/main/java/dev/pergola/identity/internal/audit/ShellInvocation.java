package dev.pergola.identity.internal.audit;

import java.util.concurrent.atomic.AtomicInteger;

import dev.pergola.api.audit.AuditOrigin;

/**
 * One shell command line running: where it comes from, and how many records identity's services wrote for it (on
 * the command's own threads, which Gogo runs apart from the thread the session listener sees).
 */
final class ShellInvocation {
    private final AuditOrigin origin;
    private final ShellInvocation outer;
    private final AtomicInteger recorded = new AtomicInteger();

    ShellInvocation(AuditOrigin origin, ShellInvocation outer) {
        this.origin = origin;
        this.outer = outer;
    }

    AuditOrigin origin() {
        return origin;
    }

    /** The invocation running when this one started in the same session (a script calling a command), or null. */
    ShellInvocation outer() {
        return outer;
    }

    void counted() {
        recorded.incrementAndGet();
    }

    int recorded() {
        return recorded.get();
    }
}
