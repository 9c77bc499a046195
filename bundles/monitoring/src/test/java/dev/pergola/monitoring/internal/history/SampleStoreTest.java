package dev.pergola.monitoring.internal.history;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import dev.pergola.testkit.PostgresServer;

/** The history table on H2 and on a real PostgreSQL: minutes, their hour, nodes combined, retention. */
@RunWith(Parameterized.class)
public class SampleStoreTest {
    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();

    @Parameters(name = "{0}")
    public static List<Object[]> databases() {
        return Arrays.asList(new Object[][] {{"h2"}, {"postgresql"}});
    }

    private final String type;
    private HistoryDatabase db;
    private SampleStore store;
    private final Instant t0 = Instant.parse("2026-11-30T05:00:00Z");

    public SampleStoreTest(String type) {
        this.type = type;
    }

    @Before
    public void setUp() throws Exception {
        db = new HistoryDatabase(type, POSTGRES);
        store = new SampleStore(db.dataSource);
    }

    private List<SampleStore.Point> read(Series s, String resolution) {
        return store.read(List.of(s), resolution, t0.minusSeconds(7200), t0.plusSeconds(7200)).get(s);
    }

    @Test
    public void twoRunsInOneMinuteAddTheirCountsAndReplaceTheirSizes() {
        store.writeMinute("a", t0.plusSeconds(5), Map.of(Series.REQUESTS, 10.0, Series.HEAP_USED_MB, 100.0));
        store.writeMinute("a", t0.plusSeconds(59), Map.of(Series.REQUESTS, 5.0, Series.HEAP_USED_MB, 120.0));
        assertEquals(List.of(new SampleStore.Point(t0, 15.0)), read(Series.REQUESTS, "1m"));
        assertEquals(List.of(new SampleStore.Point(t0, 120.0)), read(Series.HEAP_USED_MB, "1m"));
    }

    @Test
    public void theHourSumsCountsKeepsTheWorstLatencyAndAveragesSizes() {
        for (int m = 0; m < 3; m++) {
            store.writeMinute("a", t0.plusSeconds(60L * m + 1), Map.of(Series.REQUESTS, 10.0 * (m + 1),
                    Series.LATENCY_P95_MS, 20.0 + m * 100, Series.HEAP_USED_MB, 100.0 + m * 10));
        }
        assertEquals(3, read(Series.REQUESTS, "1m").size());
        assertEquals(List.of(new SampleStore.Point(t0, 60.0)), read(Series.REQUESTS, "1h"));
        assertEquals(List.of(new SampleStore.Point(t0, 220.0)), read(Series.LATENCY_P95_MS, "1h"));
        assertEquals(List.of(new SampleStore.Point(t0, 110.0)), read(Series.HEAP_USED_MB, "1h"));
    }

    @Test
    public void nodesOfABucketAreCombined() {
        store.writeMinute("a", t0, Map.of(Series.REQUESTS, 10.0, Series.LATENCY_P95_MS, 30.0));
        store.writeMinute("b", t0, Map.of(Series.REQUESTS, 7.0, Series.LATENCY_P95_MS, 80.0));
        assertEquals(17.0, read(Series.REQUESTS, "1m").get(0).value(), 0);
        assertEquals(80.0, read(Series.LATENCY_P95_MS, "1m").get(0).value(), 0);
    }

    @Test
    public void readsOnlyTheRangeOldestFirst() {
        store.writeMinute("a", t0.plusSeconds(120), Map.of(Series.ERRORS, 2.0));
        store.writeMinute("a", t0, Map.of(Series.ERRORS, 1.0));
        store.writeMinute("a", t0.plusSeconds(3600), Map.of(Series.ERRORS, 9.0));
        List<SampleStore.Point> points = store.read(List.of(Series.ERRORS), "1m", t0, t0.plusSeconds(3600))
                .get(Series.ERRORS);
        assertEquals(List.of(new SampleStore.Point(t0, 1.0), new SampleStore.Point(t0.plusSeconds(120), 2.0)), points);
    }

    @Test
    public void purgeKeepsADayOfMinutesAndThirtyDaysOfHours() throws Exception {
        store.writeMinute("a", t0, Map.of(Series.LOGINS, 1.0));
        store.writeMinute("a", t0.minusSeconds(25 * 3600), Map.of(Series.LOGINS, 1.0));
        store.writeMinute("a", t0.minusSeconds(31L * 24 * 3600), Map.of(Series.LOGINS, 1.0));
        assertEquals(6, db.count("SELECT COUNT(*) FROM metric_samples"));
        assertEquals(3, store.purge(t0));
        assertEquals(1, db.count("SELECT COUNT(*) FROM metric_samples WHERE resolution = '1m'"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM metric_samples WHERE resolution = '1h'"));
    }
}
