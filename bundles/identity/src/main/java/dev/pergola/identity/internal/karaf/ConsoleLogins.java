package dev.pergola.identity.internal.karaf;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.pergola.api.audit.AuditActor;
import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.Channel;
import dev.pergola.api.audit.Outcome;
import dev.pergola.api.events.EventTypes;
import dev.pergola.identity.internal.account.UserDto;
import dev.pergola.identity.internal.audit.IdentityAudit;
import dev.pergola.identity.internal.client.ClientAddress;

/**
 * Audits sign-ins through the {@code karaf} realm (shell, SSH, {@code bin/client}, web console): {@code auth.login}
 * with method {@code console}, or {@code auth.login_failed}. The web console signs in again on every request it
 * serves, so one account's success from one address is recorded once per {@value #QUIET_MINUTES} minutes there.
 */
final class ConsoleLogins {
    static final int QUIET_MINUTES = 10;

    private final IdentityAudit audit;
    private final Cache<String, Boolean> recentWebConsole = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(QUIET_MINUTES)).maximumSize(10_000).build();

    ConsoleLogins(IdentityAudit audit) {
        this.audit = audit;
    }

    void attempted(String username, Optional<UserDto> user, ClientAddress address, boolean webConsole) {
        String client = address.isKnown() ? address.toString() : null;
        AuditOrigin origin = new AuditOrigin(webConsole ? Channel.WEB_CONSOLE : Channel.SHELL, null, client, null, null);
        if (user.isEmpty()) {
            audit.fact(AuditEntry.of(EventTypes.AUTH_LOGIN_FAILED).withOutcome(Outcome.DENIED).withOrigin(origin)
                    .withDetail("username", username).withDetail("reason", "wrong_credentials")
                    .withDetail("method", "console"));
            return;
        }
        UserDto u = user.get();
        if (webConsole && recentWebConsole.asMap().putIfAbsent(u.id() + '\n' + client, Boolean.TRUE) != null) {
            return;
        }
        audit.fact(AuditEntry.of(EventTypes.AUTH_LOGIN).withOrigin(origin.withActor(AuditActor.user(u.id(), u.username())))
                .withActor(AuditActor.user(u.id(), u.username())).withTarget("user", u.id(), u.username())
                .withDetail("method", "console"));
    }
}
