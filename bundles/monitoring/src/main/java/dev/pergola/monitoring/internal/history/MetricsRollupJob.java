package dev.pergola.monitoring.internal.history;

import java.time.Instant;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.tasks.Job;
import dev.pergola.api.tasks.JobContext;
import dev.pergola.api.tasks.JobService;

/**
 * {@code monitoring.metrics-rollup}: every minute, reads the meters, stores this node's minute (and so its hour)
 * and drops samples past retention. The first run after a start only has gauges: counts need an earlier reading.
 */
@Component(service = Job.class)
@JobService(id = MetricsRollupJob.ID, name = "Metric history rollup", interval_seconds = 60,
        audit_completions = false, description = "Keeps one-minute rollups of the platform's metrics for 24 h and "
                + "hourly ones for 30 days (GET /api/v1/metrics/history).")
public class MetricsRollupJob implements Job {
    static final String ID = "monitoring.metrics-rollup";

    private final MetricsHistory history;
    private final MetricValues metrics;
    private final String node;
    private volatile Reading previous;

    @Activate
    public MetricsRollupJob(BundleContext context, @Reference MetricsHistory history, @Reference MetricValues metrics) {
        this(history, metrics, NodeName.of(context));
    }

    MetricsRollupJob(MetricsHistory history, MetricValues metrics, String node) {
        this.history = history;
        this.metrics = metrics;
        this.node = node;
    }

    @Override
    public synchronized void run(JobContext context) {
        Reading now = Reading.of(metrics);
        Map<Series, Double> minute = MinuteRollup.between(previous, now);
        previous = now;
        if (!history.record(node, Instant.now(), minute)) {
            context.result("skipped: a restore is running");
            return;
        }
        int purged = history.purge();
        context.result(minute.size() + " series stored" + (purged > 0 ? ", " + purged + " old samples removed" : ""));
    }
}
