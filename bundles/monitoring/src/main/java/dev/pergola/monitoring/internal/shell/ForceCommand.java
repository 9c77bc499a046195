package dev.pergola.monitoring.internal.shell;

import java.security.AccessController;
import java.security.Principal;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Karaf 4.4's {@code bundle:*} commands have no {@code --force}: they hide system bundles (Pergola's core
 * bundles among them) from anyone without the {@code systembundles} role, and Pergola operators do not hold it.
 * This runs one command with that role added, in the operator's name, and logs it (WARN).
 */
@Service
@Command(scope = "pergola", name = "force", description = "Runs one command with access to Karaf system bundles "
        + "(Pergola's core bundles): pergola:force \"bundle:stop dev.pergola.mail\"")
public class ForceCommand implements Action {
    static final String SYSTEM_BUNDLES_ROLE = "systembundles";
    private static final Logger LOG = LoggerFactory.getLogger(ForceCommand.class);

    @Argument(name = "command", description = "The command line to run (quote it when it has options)",
            required = true, multiValued = true)
    List<String> command;

    @Reference
    Session session;

    @Reference
    SessionFactory sessions;

    @Override
    @SuppressWarnings("removal") // Karaf's shell still authorizes through the AccessControlContext's Subject
    public Object execute() throws Exception {
        String line = String.join(" ", command);
        Subject current = Subject.getSubject(AccessController.getContext());
        if (current == null) {
            throw new IllegalStateException("No signed-in operator: nothing to elevate");
        }
        Set<Principal> principals = new HashSet<>(current.getPrincipals());
        principals.add(new RolePrincipal(SYSTEM_BUNDLES_ROLE));
        Subject elevated = new Subject(true, principals, current.getPublicCredentials(), current.getPrivateCredentials());
        LOG.warn("{} runs with access to the core bundles: {}", operator(current), line);
        try {
            return Subject.doAs(elevated, (PrivilegedExceptionAction<Object>) () -> runInChildSession(line));
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
    }

    /**
     * A child session, created here, runs its commands on threads created here, which carry the elevated Subject;
     * this session's own threads (some already created, by the init script) keep the operator's.
     */
    private Object runInChildSession(String line) throws Exception {
        Session child = sessions.create(null, session.getConsole(), session.getConsole());
        try {
            return child.execute(line);
        } finally {
            child.close();
        }
    }

    private static String operator(Subject subject) {
        return subject.getPrincipals(UserPrincipal.class).stream().map(UserPrincipal::getName).findFirst()
                .orElse("an operator");
    }
}
