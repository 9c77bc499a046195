package dev.pergola.identity.internal.audit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.security.PrivilegedAction;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import javax.security.auth.Subject;

import org.junit.Test;

import dev.pergola.api.audit.AuditActor;
import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.Channel;

/**
 * Gogo runs a command on threads of its own, not on the one its session listener sees: a record made there still
 * gets the command's origin and counts for it, through the operator's Subject.
 */
public class ShellInvocationsTest {
    private final RecordingAuditTrail trail = new RecordingAuditTrail();
    private final ShellInvocations invocations = new ShellInvocations();
    private final IdentityAudit audit = new IdentityAudit(trail, invocations);
    private final AuditOrigin shell = new AuditOrigin(Channel.SHELL, AuditActor.user("u1", "ops"), "10.0.0.9", "ssh", null);

    @SuppressWarnings("removal")
    @Test
    public void aRecordOnTheCommandsOwnThreadCarriesTheShellOriginAndCounts() throws Exception {
        Subject operator = new Subject();
        ShellInvocation running = invocations.start(operator, shell);
        ExecutorService pool = Subject.doAs(operator, (PrivilegedAction<ExecutorService>) () -> {
            ExecutorService p = Executors.newSingleThreadExecutor(); // created under the Subject, as Gogo's are
            p.submit(() -> audit.fact(AuditEntry.of("user.created")));
            return p;
        });
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        assertEquals(shell, trail.written.get(0).entry().origin());
        assertEquals(1, running.recorded());

        invocations.finish(operator, running);
        audit.fact(AuditEntry.of("user.updated"));
        assertEquals("no command running: the entry keeps its own (null) origin", null,
                trail.written.get(1).entry().origin());
    }

    @Test
    public void aNestedCommandLineGivesBackTheOuterOneWhenItEnds() {
        Subject operator = new Subject();
        ShellInvocation outer = invocations.start(operator, shell);
        ShellInvocation inner = invocations.start(operator, shell.withActor(AuditActor.PLATFORM));
        invocations.finish(operator, inner);
        Subject.doAs(operator, (PrivilegedAction<Void>) () -> {
            audit.fact(AuditEntry.of("role.created"));
            return null;
        });
        assertEquals(1, outer.recorded());
        assertEquals(0, inner.recorded());
    }

    @Test
    public void anExplicitOriginIsKept() {
        Subject operator = new Subject();
        invocations.start(operator, shell);
        AuditOrigin own = new AuditOrigin(Channel.WEB_CONSOLE, null, null, null, null);
        Subject.doAs(operator, (PrivilegedAction<Void>) () -> {
            audit.fact(AuditEntry.of("auth.login").withOrigin(own));
            return null;
        });
        assertEquals(own, trail.written.get(0).entry().origin());
    }
}
