package dev.pergola.audit.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;

/** The sealer thread: a committed record becomes an Event Admin event soon after commit, in chain order. */
public class AuditSealerTest {
    private final LinkedBlockingQueue<Event> posted = new LinkedBlockingQueue<>();
    private TestDatabase db;
    private AuditSealer sealer;
    private JdbcAuditTrail trail;

    @Before
    public void setUp() throws Exception {
        db = TestDatabase.create("h2", null);
        sealer = new AuditSealer(db, null, new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event);
            }
        });
        trail = new JdbcAuditTrail(db, sealer::nudge);
    }

    @After
    public void tearDown() throws Exception {
        sealer.stop();
    }

    @Test
    public void aCommittedRecordIsPostedWithinASecondOfItsCommit() throws Exception {
        Thread.sleep(3500); // let the sealer fall idle, as on a quiet node
        long committed;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            trail.record(c, AuditEntry.of(EventTypes.PLUGIN_ENABLED).withTarget("plugin", "notes", "Notes"));
            Thread.sleep(200); // the caller's transaction goes on after its record
            c.commit();
            committed = System.nanoTime();
        }
        Event event = posted.poll(1, TimeUnit.SECONDS);
        assertNotNull("posted within 1 s of the commit", event);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - committed);
        assertTrue("posted " + millis + " ms after commit", millis < 1000);
        assertEquals("dev/pergola/plugin/enabled", event.getTopic());
        PergolaEvent pe = PergolaEvent.fromProperties(event::getProperty);
        assertEquals(1, pe.sequence());
        assertEquals(Map.of("type", "plugin", "id", "notes", "name", "Notes"), pe.data().get("target"));
    }

    @Test
    public void manyRecordsArePostedOnceEachInChainOrder() throws Exception {
        for (int i = 0; i < 1200; i++) {
            trail.record(AuditEntry.of("user.updated").withTarget("user", "u" + i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (posted.size() < 1200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        List<Long> seqs = posted.stream().map(e -> (Long) e.getProperty(PergolaEvent.SEQUENCE)).toList();
        assertEquals(1200, seqs.size());
        for (int i = 0; i < seqs.size(); i++) {
            assertEquals(Long.valueOf(i + 1), seqs.get(i));
        }
        assertTrue(new ChainVerifier(db).verify().valid());
    }
}
