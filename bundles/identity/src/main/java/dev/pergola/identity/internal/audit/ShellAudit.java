package dev.pergola.identity.internal.audit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.Subject;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.audit.AuditActor;
import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.audit.Channel;
import dev.pergola.api.audit.Outcome;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.EventTypes;
import dev.pergola.identity.internal.client.ClientAddress;
import dev.pergola.identity.internal.rbac.Actor;
import dev.pergola.identity.internal.rbac.Actors;

/**
 * Audits the Karaf shell (console, SSH, {@code bin/client}; Karaf's shell core tracks this listener): each command
 * line of a signed-in operator runs under the origin {@code shell} with the operator as actor, and one that recorded
 * nothing itself (e.g. {@code bundle:list}) is recorded as {@code shell.command}, its secrets masked. The session's
 * init script and sessions without an operator are not audited.
 */
@Component(service = CommandSessionListener.class)
public class ShellAudit implements CommandSessionListener {
    /** Set by Karaf while a session runs its init script. */
    static final String INIT_SCRIPT_VARIABLE = "script";

    private final IdentityAudit audit;
    private final ShellInvocations invocations;
    private final Actors actors;
    /** Command lines running per session, innermost first (a script may run commands). */
    private final Map<CommandSession, Deque<Running>> running = new IdentityHashMap<>();

    private record Running(Subject operator, ShellInvocation invocation, AuditTrail.Binding binding) {
    }

    @Activate
    public ShellAudit(@Reference IdentityAudit audit, @Reference ShellInvocations invocations, @Reference Actors actors) {
        this.audit = audit;
        this.invocations = invocations;
        this.actors = actors;
    }

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        if (command == null || command.toString().isBlank() || session.get(INIT_SCRIPT_VARIABLE) != null) {
            return;
        }
        Subject subject = ShellInvocations.currentSubject();
        Optional<AuditOrigin> origin = originOf(subject);
        if (origin.isEmpty()) {
            return;
        }
        ShellInvocation invocation = invocations.start(subject, origin.get());
        AuditTrail.Binding binding = audit.trail().bind(origin.get());
        synchronized (running) {
            running.computeIfAbsent(session, s -> new ArrayDeque<>()).push(new Running(subject, invocation, binding));
        }
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
        finish(session, command, exception);
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
        finish(session, command, null);
    }

    private void finish(CommandSession session, CharSequence command, Exception exception) {
        Running done;
        synchronized (running) {
            Deque<Running> stack = running.get(session);
            if (stack == null) {
                return;
            }
            done = stack.pop();
            if (stack.isEmpty()) {
                running.remove(session);
            }
        }
        done.binding().close();
        invocations.finish(done.operator(), done.invocation());
        if (done.binding().recorded() + done.invocation().recorded() > 0) {
            return; // the command's own records say what it did
        }
        CommandLine line = CommandLine.parse(command);
        audit.factQuietly(AuditEntry.of(EventTypes.SHELL_COMMAND)
                .withOutcome(exception == null ? Outcome.SUCCESS : Outcome.FAILED)
                .withOrigin(done.invocation().origin())
                .withDetail("command", line.command())
                .withDetail("arguments", line.arguments())
                .withDetail("error", exception == null ? null : error(exception)));
    }

    private static String error(Exception e) {
        String message = String.valueOf(e.getMessage());
        return message.length() <= 500 ? message : message.substring(0, 500) + "…";
    }

    /** The operator's origin: their account, the client's address, SSH or the local console; empty without one. */
    private Optional<AuditOrigin> originOf(Subject subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Actor operator;
        try {
            operator = actors.operator(subject);
        } catch (PergolaException noOperator) {
            return Optional.empty();
        }
        AuditActor actor = AuditActors.of(operator);
        Optional<ClientPrincipal> client = subject.getPrincipals(ClientPrincipal.class).stream().findFirst();
        String address = client.map(c -> ClientAddress.fromSocketText(c.getAddress())).filter(ClientAddress::isKnown)
                .map(ClientAddress::toString).orElse(null);
        // SSH and bin/client name their transport; the local console has no client at all
        String agent = client.map(ClientPrincipal::getMethod).filter(m -> m != null && !m.isBlank()).orElse(
                client.isPresent() ? "ssh" : "console");
        return Optional.of(new AuditOrigin(Channel.SHELL, actor, address, agent, null));
    }
}
