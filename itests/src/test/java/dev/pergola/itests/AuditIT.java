package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.events.EventLog;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;

/**
 * The audit trail on a real boot: records written in a transaction are sealed and posted after commit, the event log
 * serves them in chain order.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuditIT {
    @Inject
    private BundleContext context;
    @Inject
    private AuditTrail audit;
    @Inject
    private EventLog eventLog;
    @Inject
    @Filter("(osgi.jndi.service.name=pergola)")
    private DataSource dataSource;

    private Http http;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private ServiceRegistration<EventHandler> listener;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution();
    }

    @Before
    public void setUp() throws Exception {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        http.await("/api/health/ready", Duration.ofSeconds(60));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, "dev/pergola/itest/*");
        listener = context.registerService(EventHandler.class, events::add, props);
    }

    @After
    public void tearDown() {
        listener.unregister();
    }

    @Test
    public void aRecordInATransactionIsSealedAndPostedAfterCommitOnly() throws Exception {
        String kept = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            audit.record(c, AuditEntry.of("itest.rolled_back").withTarget("thing", "gone"));
            c.rollback();
            audit.record(c, AuditEntry.of("itest.changed").withTarget("thing", kept).withAfter(Map.of("token", "t0p")));
            c.commit();
        }
        Event event = events.poll(2, TimeUnit.SECONDS);
        assertNotNull("posted after commit", event);
        PergolaEvent posted = PergolaEvent.fromProperties(event::getProperty);
        assertEquals("itest.changed", posted.type());
        assertEquals(EventTypes.topic("itest.changed"), event.getTopic());
        assertEquals(Map.of("token", "[redacted]"), posted.data().get("after"));
        assertTrue(posted.sequence() > 0);
        assertTrue(eventLog.lastSequence() >= posted.sequence());
        List<PergolaEvent> logged = eventLog.after(posted.sequence() - 1, 1);
        assertEquals(posted.id(), logged.get(0).id());
        assertEquals(null, events.poll(300, TimeUnit.MILLISECONDS));
    }
}
