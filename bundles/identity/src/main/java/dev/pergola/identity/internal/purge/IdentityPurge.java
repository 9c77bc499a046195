package dev.pergola.identity.internal.purge;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import dev.pergola.identity.internal.account.PasswordResets;
import dev.pergola.identity.internal.session.Sessions;
import dev.pergola.identity.internal.token.SigningKeys;

/**
 * Deletes identity rows nothing can use any more, at start and then periodically. Each table's owner holds
 * its delete statement; this component only schedules them. Safe on several nodes at once: every delete
 * is idempotent.
 */
@Component(service = IdentityPurge.class, immediate = true, configurationPid = "dev.pergola.identity.purge")
@Designate(ocd = PurgeConfig.class)
public class IdentityPurge {
    private final PeriodicTasks tasks;

    @Activate
    public IdentityPurge(@Reference Sessions sessions, @Reference PasswordResets resets, @Reference SigningKeys keys,
            PurgeConfig config) {
        Duration history = Duration.ofDays(Math.max(0, config.session_history_days()));
        Map<String, IntSupplier> work = new LinkedHashMap<>();
        work.put("sessions and spent refresh tokens", () -> {
            Instant now = Instant.now();
            return sessions.purge(now, now.minus(history));
        });
        work.put("password-reset links", () -> resets.purge(Instant.now()));
        work.put("retired signing keys", keys::purgeRetired);
        this.tasks = new PeriodicTasks("pergola-identity-purge", work,
                Duration.ofSeconds(Math.max(1, config.interval_seconds())));
    }

    @Deactivate
    void stop() throws InterruptedException {
        tasks.stop();
    }
}
