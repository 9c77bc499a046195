package dev.pergola.identity.internal.karaf;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.account.Accounts;
import dev.pergola.identity.internal.account.UserDto;
import dev.pergola.identity.internal.audit.IdentityAudit;
import dev.pergola.identity.internal.client.ClientAddress;
import dev.pergola.identity.internal.client.LoginOrigins;
import dev.pergola.identity.internal.throttle.LoginThrottle;

/**
 * Replaces Karaf's {@code karaf} realm (rank 0, etc/users.properties) with Pergola accounts: the shell,
 * SSH and the web console accept exactly the users REST accepts, with the same brute-force protection, counted
 * by client address too: the web console's (proxy-aware) address from {@link LoginOrigins}, else the socket
 * address Karaf's {@code ClientPrincipal} carries (SSH, {@code bin/client}).
 * {@code admin.shell} grants Karaf's admin roles, {@code admin.console} the web console.
 */
@Component(service = JaasRealm.class, immediate = true)
public class PergolaKarafRealm implements JaasRealm, ShellAuthenticator {
    static final String REALM = "karaf";

    private final BundleContext context;
    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final LoginOrigins origins;
    private final ConsoleLogins logins;

    @Activate
    public PergolaKarafRealm(BundleContext context, @Reference Accounts accounts, @Reference LoginThrottle throttle,
            @Reference LoginOrigins origins, @Reference IdentityAudit audit) {
        this.logins = new ConsoleLogins(audit);
        this.context = context;
        this.accounts = accounts;
        this.throttle = throttle;
        this.origins = origins;
    }

    @Override
    public String getName() {
        return REALM;
    }

    @Override
    public int getRank() {
        return 1;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        Map<String, Object> options = Map.of(
                ProxyLoginModule.PROPERTY_MODULE, PergolaLoginModule.class.getName(),
                ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId()),
                BundleContext.class.getName(), context,
                PergolaLoginModule.AUTHENTICATOR, this);
        return new AppConfigurationEntry[] {new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
    }

    @Override
    public Optional<Set<String>> authenticate(String username, String password, String socketAddress) {
        Optional<ClientAddress> webConsole = origins.current();
        ClientAddress address = webConsole.orElseGet(() -> ClientAddress.fromSocketText(socketAddress));
        Optional<UserDto> user;
        try {
            user = throttle.attempt(username, address, () -> accounts.authenticate(username, password));
        } catch (PergolaException throttledOrBusy) {
            return Optional.empty(); // JAAS has no "wait" or "busy": the login just fails
        }
        logins.attempted(username, user, address, webConsole.isPresent());
        return user.map(u -> KarafRoles.of(accounts.effectivePermissions(u.id())));
    }
}
