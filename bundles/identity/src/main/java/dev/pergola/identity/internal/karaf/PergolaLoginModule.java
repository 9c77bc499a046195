package dev.pergola.identity.internal.karaf;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/**
 * JAAS login module of the {@code karaf} realm: Pergola accounts log in to the shell, SSH and the web
 * console. Karaf instantiates it; the platform's authenticator arrives in the options.
 */
public class PergolaLoginModule implements LoginModule {
    static final String AUTHENTICATOR = "pergola.authenticator";

    private Subject subject;
    private CallbackHandler callbacks;
    private ShellAuthenticator authenticator;
    private String username;
    private Set<String> roles;
    private final List<Principal> principals = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
            Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        this.authenticator = (ShellAuthenticator) options.get(AUTHENTICATOR);
    }

    @Override
    public boolean login() throws LoginException {
        if (authenticator == null) {
            throw new LoginException("Pergola accounts are not available");
        }
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("Cannot read the credentials: " + e.getMessage());
        }
        char[] secret = password.getPassword();
        Optional<Set<String>> granted = authenticator.authenticate(name.getName(), secret == null ? "" : new String(secret),
                clientAddress());
        password.clearPassword();
        if (granted.isEmpty()) {
            throw new FailedLoginException("Wrong username or password");
        }
        username = name.getName();
        roles = granted.get();
        return true;
    }

    /**
     * Karaf puts a {@link ClientPrincipal} on the subject before the login: SSH and {@code bin/client} with the
     * session's remote socket address, the web console with the request's remote host and port.
     */
    private String clientAddress() {
        return subject == null ? null : subject.getPrincipals(ClientPrincipal.class).stream()
                .map(ClientPrincipal::getAddress).findFirst().orElse(null);
    }

    @Override
    public boolean commit() {
        if (username == null) {
            return false;
        }
        principals.add(new UserPrincipal(username));
        roles.forEach(r -> principals.add(new RolePrincipal(r)));
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        clear();
        return true;
    }

    private void clear() {
        principals.clear();
        username = null;
        roles = null;
    }
}
