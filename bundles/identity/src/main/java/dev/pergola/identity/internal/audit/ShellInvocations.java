package dev.pergola.identity.internal.audit;

import java.security.AccessController;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.Subject;

import org.osgi.service.component.annotations.Component;

import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditOriginSource;

/**
 * The shell command lines running now, by the operator's JAAS {@link Subject}. Gogo calls the session listener on
 * the caller's thread but runs the command on threads of its own pool, where a thread-bound audit origin is not
 * seen; the Subject, though, travels with the access-control context to those threads (it is how commands know
 * their operator), so a record made there finds its command line through it. As an {@link AuditOriginSource} it
 * gives the same origin to the records other bundles' commands write ({@code plugin:enable}, {@code audit:export}),
 * and counts them, so that such a command is not recorded a second time as a bare {@code shell.command}.
 */
@Component(service = {ShellInvocations.class, AuditOriginSource.class})
public class ShellInvocations implements AuditOriginSource {
    /** By identity: a Subject's equality follows its principals, which a login changes. */
    private final Map<Subject, ShellInvocation> running = new IdentityHashMap<>();

    synchronized ShellInvocation start(Subject operator, AuditOrigin origin) {
        ShellInvocation started = new ShellInvocation(origin, running.get(operator));
        running.put(operator, started);
        return started;
    }

    synchronized void finish(Subject operator, ShellInvocation finished) {
        if (running.get(operator) != finished) {
            return; // finished out of order: the newer one stays
        }
        if (finished.outer() == null) {
            running.remove(operator);
        } else {
            running.put(operator, finished.outer());
        }
    }

    /** The command line the calling thread works for, if it runs a shell command. */
    Optional<ShellInvocation> current() {
        synchronized (this) {
            if (running.isEmpty()) {
                return Optional.empty(); // the usual case (REST): no access-control context lookup
            }
        }
        Subject subject = currentSubject();
        if (subject == null) {
            return Optional.empty();
        }
        synchronized (this) {
            return Optional.ofNullable(running.get(subject));
        }
    }

    @Override
    public AuditOrigin origin() {
        return current().map(ShellInvocation::origin).orElse(null);
    }

    @Override
    public void recorded(AuditOrigin origin) {
        current().filter(running -> running.origin() == origin).ifPresent(ShellInvocation::counted);
    }

    @SuppressWarnings("removal") // the Subject of a Karaf shell session is bound to the access-control context
    static Subject currentSubject() {
        return Subject.getSubject(AccessController.getContext());
    }
}
