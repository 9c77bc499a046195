package dev.pergola.alerts.internal.eval;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.pergola.alerts.internal.notify.AlertMails;
import dev.pergola.alerts.internal.store.AlertStore;
import dev.pergola.alerts.internal.store.RuleStore;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.mail.Mailer;
import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.tasks.Job;
import dev.pergola.api.tasks.JobContext;
import dev.pergola.api.tasks.JobService;

/**
 * {@code alerts.evaluate}: the scheduled pass over the alert rules (every 15 s by default; the tasks API changes it,
 * and so does {@code pergola.job.interval.seconds} in {@code etc/dev.pergola.alerts.cfg}, which DS merges into the
 * service's properties). Metric values come from {@link MetricValues} when the metrics bundle runs; health checks are
 * tracked here by name. Its completions are frequent housekeeping, so they are not audited; its transitions are.
 */
@Component(service = Job.class, configurationPid = AlertEvaluationJob.PID)
@JobService(id = AlertEvaluationJob.ID, name = "Evaluate alert rules", interval_seconds = 15,
        audit_completions = false, description = "Compares every enabled alert rule with its metric or health check"
                + " and notifies on each transition")
public class AlertEvaluationJob implements Job {
    public static final String ID = "alerts.evaluate";
    public static final String PID = "dev.pergola.alerts";
    private static final String CHECK_NAME = HealthCheckService.PREFIX_ + "name";

    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();
    private final Evaluation evaluation;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MetricValues metrics;

    @Activate
    public AlertEvaluationJob(@Reference RuleStore rules, @Reference AlertStore alerts, @Reference AuditTrail audit,
            @Reference Mailer mailer) {
        Observations observations = new Observations(() -> metrics, name -> Optional.ofNullable(checks.get(name)),
                new SystemReadings(Path.of(System.getProperty("karaf.data", "data"))));
        this.evaluation = new Evaluation(rules, alerts, observations, audit, new AlertMails(mailer),
                Clock.systemUTC());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCheck(HealthCheck check, Map<String, Object> properties) {
        if (properties.get(CHECK_NAME) instanceof String name) {
            checks.put(name, check);
        }
    }

    void removeCheck(HealthCheck check, Map<String, Object> properties) {
        if (properties.get(CHECK_NAME) instanceof String name) {
            checks.remove(name, check);
        }
    }

    @Override
    public void run(JobContext context) {
        context.result(evaluation.run().summary());
    }
}
