package dev.pergola.logs.internal.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import dev.pergola.api.events.EventTypes;
import dev.pergola.api.query.ListQuery;
import dev.pergola.logs.internal.LogLevel;
import dev.pergola.logs.internal.capture.CapturedEvent;
import dev.pergola.logs.internal.service.LogCriteria;
import dev.pergola.logs.internal.service.Logs;
import dev.pergola.testkit.PostgresServer;
import dev.pergola.testkit.TableAuditTrail;
import dev.pergola.testkit.TestDatabase;

/** The store and the search on H2 and on a real PostgreSQL: batches, criteria, one entry, clear, retention. */
@RunWith(Parameterized.class)
public class LogStoreTest {
    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Parameters(name = "{0}")
    public static List<Object[]> databases() {
        return Arrays.asList(new Object[][] {{"h2"}, {"postgresql"}});
    }

    private final String type;
    private TestDatabase db;
    private LogStore store;
    private Logs logs;
    private final TableAuditTrail audit = new TableAuditTrail();

    public LogStoreTest(String type) {
        this.type = type;
    }

    @Before
    public void setUp() throws Exception {
        db = new TestDatabase(type, POSTGRES, LogStoreTest.class, "V1__log_entries.sql");
        store = new LogStore(db.dataSource);
        logs = new Logs(store, audit);
    }

    private static CapturedEvent event(int minutes, LogLevel level, String logger, String message, String requestId,
            String trace) {
        return new CapturedEvent(T0.plus(minutes, ChronoUnit.MINUTES), level, logger, "dev.pergola.rest", "qtp-1",
                message, trace, requestId);
    }

    private List<LogEntry> sample() {
        return store.insert(List.of(
                event(0, LogLevel.INFO, "dev.pergola.rest.internal.Boot", "started", null, null),
                event(1, LogLevel.WARN, "dev.pergola.mail", "SMTP slow 50%_done", null, null),
                event(2, LogLevel.ERROR, "dev.pergola.rest.internal.errors.ExceptionMappers", "Request r-1 failed",
                        "r-1", "java.lang.IllegalStateException: boom\n\tat x.y(Z.java:1)"),
                event(3, LogLevel.DEBUG, "dev.pergola.restx", "not below dev.pergola.rest", "r-1", null)));
    }

    private List<String> messages(Map<String, List<String>> params) {
        return logs.list(query(), LogCriteria.parse(params)).items().stream().map(LogEntry::message).toList();
    }

    private static ListQuery query() {
        return new ListQuery(1, 20, List.of(), List.of(), null, Set.of(), Logs.LIST);
    }

    @Test
    public void aBatchIsStoredWithIncreasingIdsInItsOrder() {
        List<LogEntry> stored = sample();
        assertEquals(4, stored.size());
        for (int i = 1; i < stored.size(); i++) {
            assertTrue("ids follow the batch order", stored.get(i).id() > stored.get(i - 1).id());
        }
        assertEquals("Request r-1 failed", store.find(stored.get(2).id()).orElseThrow().message());
    }

    @Test
    public void criteriaNarrowByLevelMinimumLevelLoggerTreeRequestIdTextAndDate() {
        sample();
        assertEquals("newest first", List.of("not below dev.pergola.rest", "Request r-1 failed",
                "SMTP slow 50%_done", "started"), messages(Map.of()));
        assertEquals(List.of("Request r-1 failed", "SMTP slow 50%_done"), messages(Map.of("min_level", List.of("warn"))));
        assertEquals(List.of("not below dev.pergola.rest", "started"),
                messages(Map.of("level", List.of("DEBUG,INFO"))));
        assertEquals("a logger and its children, not a longer name", List.of("Request r-1 failed", "started"),
                messages(Map.of("logger", List.of("dev.pergola.rest"))));
        assertEquals(List.of("not below dev.pergola.rest", "Request r-1 failed"),
                messages(Map.of("request_id", List.of("r-1"))));
        assertEquals("% and _ are literal", List.of("SMTP slow 50%_done"), messages(Map.of("search", List.of("50%_"))));
        assertEquals(List.of(), messages(Map.of("date", List.of("2026-11-21"))));
        assertEquals(List.of("SMTP slow 50%_done", "started"),
                messages(Map.of("from", List.of("2026-11-20"), "to", List.of("2026-11-20T10:02:00Z"))));
    }

    @Test
    public void listsLeaveOutTheStackTraceAndOneEntryHasIt() {
        long id = sample().get(2).id();
        LogEntry listed = logs.list(query(), LogCriteria.parse(Map.of("request_id", List.of("r-1")))).items().get(1);
        assertEquals(id, listed.id());
        assertTrue(listed.hasStackTrace());
        assertEquals(null, listed.stackTrace());
        assertTrue(logs.get(Long.toString(id)).stackTrace().startsWith("java.lang.IllegalStateException: boom"));
    }

    @Test
    public void clearDeletesOlderEntriesAndAuditsTheCountInTheSameTransaction() throws Exception {
        sample();
        assertEquals(2, logs.clear(T0.plus(2, ChronoUnit.MINUTES)));
        assertEquals(2, db.count("SELECT COUNT(*) FROM pergola_log_entries"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM test_audit WHERE action = '" + EventTypes.LOGS_CLEARED + "'"));
        assertEquals(2, audit.handed.get(0).details().get("deleted_count"));
    }

    @Test
    public void aFailedAuditRollsTheClearBack() throws Exception {
        sample();
        audit.failNext = true;
        try {
            logs.clear(T0.plus(10, ChronoUnit.MINUTES));
        } catch (RuntimeException expected) {
            // the audit trail is down: nothing may be deleted without its record
        }
        assertEquals(4, db.count("SELECT COUNT(*) FROM pergola_log_entries"));
    }

    @Test
    public void trimKeepsTheNewestRows() {
        List<LogEntry> stored = sample();
        assertEquals(1, store.trim(3));
        assertFalse("the oldest went", store.find(stored.get(0).id()).isPresent());
        assertEquals(0, store.trim(3));
        assertEquals(3, store.count());
    }

    @Test
    public void eachStreamsEveryMatchWithStackTraces() {
        sample();
        List<LogEntry> seen = new ArrayList<>();
        logs.each(query(), LogCriteria.parse(Map.of("min_level", List.of("ERROR"))), seen::add);
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).stackTrace().contains("boom"));
    }
}
