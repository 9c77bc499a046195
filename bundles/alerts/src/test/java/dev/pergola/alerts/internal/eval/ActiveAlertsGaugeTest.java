package dev.pergola.alerts.internal.eval;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

import org.junit.Test;

import dev.pergola.alerts.internal.Fakes;
import dev.pergola.alerts.internal.rule.AlertRule;
import dev.pergola.alerts.internal.rule.Channels;
import dev.pergola.alerts.internal.store.AlertStore;
import dev.pergola.api.metrics.Counter;
import dev.pergola.api.metrics.Meters;
import dev.pergola.api.metrics.Timer;
import dev.pergola.testkit.TestDatabase;

/** {@code pergola.alerts.active{severity}} counts open alerts, reading the database at most every 10 s. */
public class ActiveAlertsGaugeTest {
    /** Keeps the gauges registered, by their severity tag. */
    private static final class GaugeMeters implements Meters {
        final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();

        @Override
        public Counter counter(String name, String description, String... tags) {
            throw new AssertionError();
        }

        @Override
        public Timer timer(String name, String description, String... tags) {
            throw new AssertionError();
        }

        @Override
        public void gauge(String name, String description, DoubleSupplier value, String... tags) {
            assertEquals("pergola.alerts.active", name);
            assertEquals("severity", tags[0]);
            gauges.put(tags[1], value);
        }
    }

    @Test
    public void openAlertsAreCountedPerSeverityAndCachedForTenSeconds() throws Exception {
        TestDatabase db = new TestDatabase("h2", null, ActiveAlertsGaugeTest.class, "V1__alerts.sql");
        AlertStore store = new AlertStore(db.dataSource);
        Fakes.TestClock clock = new Fakes.TestClock(Instant.parse("2026-11-30T06:00:00Z"));
        GaugeMeters meters = new GaugeMeters();
        new ActiveAlertsGauge(meters, store, clock);
        assertEquals(3, meters.gauges.size());
        assertEquals(0, meters.gauges.get("critical").getAsDouble(), 0);

        try (var c = db.dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO pergola_alert_rules (id, name, metric_type, statistic, operator, threshold,"
                    + " for_seconds, severity, enabled, repeat_seconds, created_at, updated_at) VALUES ('r1', 'r',"
                    + " 'cpu', 'value', '>', 1, 0, 'critical', TRUE, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        AlertRule rule = new AlertRule("r1", "r", null, "cpu", Map.of(), "value", ">", 1, 0, "critical", true,
                new Channels(List.of(), List.of()), 0, null, null);
        assertTrue(store.trigger(rule, 2, clock.instant(), (c, a) -> { }).isPresent());
        assertEquals("read again only after the TTL", 0, meters.gauges.get("critical").getAsDouble(), 0);
        clock.advance(Duration.ofSeconds(11));
        assertEquals(1, meters.gauges.get("critical").getAsDouble(), 0);
        assertEquals(0, meters.gauges.get("warning").getAsDouble(), 0);
    }
}
