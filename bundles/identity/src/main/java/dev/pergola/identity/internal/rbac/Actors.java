package dev.pergola.identity.internal.rbac;

import java.security.AccessController;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.account.Accounts;
import dev.pergola.identity.internal.account.UserDto;

/**
 * Who is acting, for the grantor rule ({@link GrantPolicy}): the caller of a REST request, or the operator of a
 * Karaf shell command, who is the Pergola account named by the {@link UserPrincipal} of the JAAS Subject the
 * command runs as (SSH, {@code bin/client} and the web console sign in through Pergola's realm).
 */
@Component(service = Actors.class)
public class Actors {
    /** The Karaf role of the machine's own local console ({@code karaf.local.roles}). */
    static final String LOCAL_ADMIN_ROLE = "admin";

    private final Accounts accounts;

    @Activate
    public Actors(@Reference Accounts accounts) {
        this.accounts = accounts;
    }

    /** The caller of a REST request: its permissions are the principal's (an API key's scopes already narrowed). */
    public Actor of(PergolaPrincipal principal) {
        Set<String> roles = accounts.findById(principal.userId()).map(accounts::roleNames).orElse(Set.of());
        String name = principal.getName() + (principal.viaApiKey() ? " (API key)" : "");
        return new Actor(principal.userId(), name, principal.permissions(), roles,
                principal.permissions().containsAll(accounts.allPermissions()), principal.viaApiKey());
    }

    /** An account acting by itself (e.g. from the shell). */
    public Actor of(UserDto user) {
        Set<String> held = accounts.effectivePermissions(user.id());
        return new Actor(user.id(), user.username(), held, accounts.roleNames(user), held.containsAll(accounts.allPermissions()),
                false);
    }

    /**
     * The operator of the shell command running on this thread.
     *
     * @throws PergolaException 403 when no Pergola operator is signed in
     */
    @SuppressWarnings("removal") // the Subject of a Karaf shell session is bound to the access-control context
    public Actor operator() {
        return operator(Subject.getSubject(AccessController.getContext()));
    }

    /** The operator signed in as {@code subject}. @throws PergolaException 403 when it is no active Pergola operator */
    public Actor operator(Subject subject) {
        return operator(subject, System.getProperty("karaf.local.user", "karaf"));
    }

    Actor operator(Subject subject, String localUser) {
        String name = subject == null ? null : subject.getPrincipals(UserPrincipal.class).stream()
                .map(Principal::getName).findFirst().orElse(null);
        if (name == null) {
            throw new PergolaException(PergolaException.PERMISSION_DENIED,
                    "No signed-in operator: account and role commands run only in a shell session of a Pergola user.");
        }
        Optional<UserDto> account = accounts.findByLogin(name);
        if (account.isPresent() && account.get().isActive()) {
            return of(account.get());
        }
        if (account.isEmpty() && isLocalConsole(subject, name, localUser)) {
            return new Actor(null, name + " (local console)", accounts.allPermissions(), Set.of(), true, false);
        }
        throw new PergolaException(PergolaException.PERMISSION_DENIED, "The operator '" + name + "' is not an active Pergola account.",
                Map.of(), Map.of());
    }

    /**
     * The console Karaf opens on its own terminal ({@code bin/karaf} in the foreground): its Subject is made from
     * {@code karaf.local.user}/{@code karaf.local.roles}, never by a login, and names no remote client. Whoever
     * types there already owns the process, so it may administer as the platform's own operator.
     */
    static boolean isLocalConsole(Subject subject, String name, String localUser) {
        boolean localAdmin = subject.getPrincipals(RolePrincipal.class).stream()
                .anyMatch(r -> LOCAL_ADMIN_ROLE.equals(r.getName()));
        return name.equals(localUser) && localAdmin && subject.getPrincipals(ClientPrincipal.class).isEmpty();
    }
}
