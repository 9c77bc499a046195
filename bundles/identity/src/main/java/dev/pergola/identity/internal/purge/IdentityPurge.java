package dev.pergola.identity.internal.purge;

import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import dev.pergola.api.tasks.Job;
import dev.pergola.api.tasks.JobService;
import dev.pergola.identity.internal.account.PasswordResets;
import dev.pergola.identity.internal.session.Sessions;
import dev.pergola.identity.internal.token.SigningKeys;

/**
 * Deletes identity rows nothing can use any more, as the scheduled task {@value #JOB_ID} (its interval from this
 * component's configuration, so {@code etc/dev.pergola.identity.purge.cfg} keeps working; the tasks API may override
 * it). Each table's owner holds its delete statement; this component only lists them. The job is registered by hand
 * because its default interval comes from configuration, which a {@code @JobService} annotation cannot express.
 */
@Component(service = {}, immediate = true, configurationPid = "dev.pergola.identity.purge")
@Designate(ocd = PurgeConfig.class)
public class IdentityPurge {
    static final String JOB_ID = "identity.purge";
    private final ServiceRegistration<Job> job;

    @Activate
    public IdentityPurge(@Reference Sessions sessions, @Reference PasswordResets resets, @Reference SigningKeys keys,
            PurgeConfig config, BundleContext context) {
        Duration history = Duration.ofDays(Math.max(0, config.session_history_days()));
        Map<String, IntSupplier> work = new LinkedHashMap<>();
        work.put("sessions and spent refresh tokens", () -> {
            Instant now = Instant.now();
            return sessions.purge(now, now.minus(history));
        });
        work.put("password-reset links", () -> resets.purge(Instant.now()));
        work.put("retired signing keys", keys::purgeRetired);
        PurgeRound round = new PurgeRound(work);
        this.job = context.registerService(Job.class, run -> run.result(round.run()), properties(config));
    }

    static Dictionary<String, Object> properties(PurgeConfig config) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(JobService.PREFIX_ + "id", JOB_ID);
        p.put(JobService.PREFIX_ + "name", "Identity clean-up");
        p.put(JobService.PREFIX_ + "description", "Deletes expired sessions, spent refresh tokens, used or expired"
                + " password-reset links and signing keys no live token can carry");
        p.put(JobService.PREFIX_ + "interval.seconds", (long) Math.max(1, config.interval_seconds()));
        // hourly housekeeping: completions go to live streams only, failures are audited
        p.put(JobService.PREFIX_ + "audit.completions", Boolean.FALSE);
        return p;
    }

    @Deactivate
    void stop() {
        job.unregister();
    }
}
