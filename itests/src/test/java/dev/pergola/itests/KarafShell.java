package dev.pergola.itests;

import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/** Karaf shell commands run inside the test container as a signed-in operator, as SSH and bin/client run them. */
final class KarafShell {
    private KarafShell() {
    }

    /** Signs in through the {@code karaf} JAAS realm (Pergola's users and roles). */
    static Subject jaasLogin(String username, String password) throws Exception {
        Subject subject = new Subject();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            new LoginContext("karaf", subject, callbacks -> {
                for (var c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName(username);
                    } else if (c instanceof PasswordCallback p) {
                        p.setPassword(password.toCharArray());
                    }
                }
            }).login();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        return subject;
    }

    /** Runs a command in a shell session of {@code operator}; "FAILED: message" when the command throws. */
    static String runAs(BundleContext context, Subject operator, String command) throws Exception {
        ServiceTracker<SessionFactory, SessionFactory> tracker = new ServiceTracker<>(context, SessionFactory.class, null);
        tracker.open();
        try {
            SessionFactory factory = tracker.waitForService(30_000);
            if (factory == null) {
                fail("no Karaf shell");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            // the session routes the commands' System.out to its own stream while it executes
            try (Session session = factory.create(new ByteArrayInputStream(new byte[0]), print, print)) {
                Subject.doAs(operator, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
                return out.toString(StandardCharsets.UTF_8);
            } catch (PrivilegedActionException e) {
                return "FAILED: " + e.getException().getMessage() + " " + out.toString(StandardCharsets.UTF_8);
            } catch (RuntimeException e) { // what the command threw, as the shell (and bin/client's exit code) sees it
                return "FAILED: " + e.getMessage() + " " + out.toString(StandardCharsets.UTF_8);
            }
        } finally {
            tracker.close();
        }
    }
}
