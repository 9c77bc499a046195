package dev.pergola.identity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.identity.internal.account.Accounts;
import dev.pergola.identity.internal.account.UserDirectory;
import dev.pergola.identity.internal.lifecycle.RetryingStart;
import dev.pergola.identity.internal.rbac.PermissionCatalog;

/**
 * Creates the first {@code admin} (role admin: every permission, so REST, the shell, SSH and the web
 * console) when the platform boots without one. Password: {@code PERGOLA_ADMIN_PASSWORD}, else a generated
 * one written to {@code data/initial-admin-password}.
 */
@Component(service = FirstBootAdmin.class, immediate = true)
public class FirstBootAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(FirstBootAdmin.class);

    private final RetryingStart start;

    @Activate
    public FirstBootAdmin(BundleContext context, @Reference Accounts accounts, @Reference UserDirectory users,
            @Reference PermissionCatalog catalog) {
        Path passwordFile = Paths.get(context.getProperty("karaf.data")).resolve("initial-admin-password");
        // database and file I/O: on a thread of ours, retried until it works (SCR never retries a constructor)
        this.start = new RetryingStart("first-boot admin", () -> {
            if (!catalog.ready()) {
                throw new RetryingStart.NotYet("the role 'admin' is not seeded yet");
            }
            ensureAdmin(passwordFile, accounts, users);
        }, Duration.ofMillis(100));
    }

    @Deactivate
    void stop() {
        start.stop();
    }

    /** Whether an admin account exists (made now or at an earlier boot). */
    public boolean done() {
        return start.done();
    }

    private static void ensureAdmin(Path passwordFile, Accounts accounts, UserDirectory users) {
        if (accounts.exists(InitialAdmin.USER)) {
            return;
        }
        InitialAdmin initial = new InitialAdmin(passwordFile, System.getenv(), new SecureRandom());
        String password;
        try {
            password = initial.password();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + passwordFile, e);
        }
        List<String> weak = users.policyProblems(password, InitialAdmin.USER);
        if (!weak.isEmpty()) {
            LOG.warn("PERGOLA_ADMIN_PASSWORD is weak ({}); change it after the first login.", String.join(", ", weak));
        }
        users.createFirstAdmin(password);
        if (initial.generated()) {
            LOG.warn("First boot: created user 'admin'; its password is in {} (readable by this account only). "
                    + "Change it after the first login.", passwordFile);
        } else {
            LOG.info("First boot: created user 'admin' with the password from {}.", initial.source());
        }
    }
}
