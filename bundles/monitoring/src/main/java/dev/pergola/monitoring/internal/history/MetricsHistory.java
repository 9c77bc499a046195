package dev.pergola.monitoring.internal.history;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.MigratedSchema;

/** The metric history: what the rollup job writes and {@code GET /api/v1/metrics/history} reads. */
@Component(service = MetricsHistory.class)
public class MetricsHistory {
    private final SampleStore store;
    private final Clock clock;
    private boolean paused; // guarded by this: a restore replaces the table

    /** One series of an answer. */
    public record SeriesPoints(String name, String unit, List<SampleStore.Point> points) {
    }

    /** {@code GET /api/v1/metrics/history}. */
    public record History(Instant from, Instant to, String step, List<SeriesPoints> series) {
    }

    @Activate
    public MetricsHistory(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.monitoring)") MigratedSchema schema) {
        this(new SampleStore(dataSource), Clock.systemUTC());
    }

    MetricsHistory(SampleStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @throws dev.pergola.api.errors.PergolaException 422 for unknown series, a bad range or too many points */
    public History query(String series, String from, String to, String step) {
        HistoryQuery q = HistoryQuery.parse(series, from, to, step, clock.instant());
        Map<Series, List<SampleStore.Point>> points = store.read(q.series(), q.step(), q.from(), q.to());
        return new History(q.from(), q.to(), q.step(), q.series().stream()
                .map(s -> new SeriesPoints(s.id(), s.unit(), points.getOrDefault(s, List.of()))).toList());
    }

    /** Stores a node's minute and drops what is past retention; false (nothing written) while a restore runs. */
    synchronized boolean record(String node, Instant bucket, Map<Series, Double> values) {
        if (paused) {
            return false;
        }
        store.writeMinute(node, bucket, values);
        return true;
    }

    synchronized int purge() {
        return paused ? 0 : store.purge(clock.instant());
    }

    /** Called by the restore participant: waits for a write in progress, then refuses writes until resumed. */
    synchronized void paused(boolean value) {
        paused = value;
    }
}
