package dev.pergola.webhooks.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.EventTypes;
import dev.pergola.testkit.PostgresServer;
import dev.pergola.webhooks.internal.CreatedWebhook;
import dev.pergola.webhooks.internal.DeliveryDto;
import dev.pergola.webhooks.internal.Fakes;
import dev.pergola.webhooks.internal.NewWebhook;
import dev.pergola.webhooks.internal.Secrets;
import dev.pergola.webhooks.internal.TestDatabase;
import dev.pergola.webhooks.internal.WebhookChange;
import dev.pergola.webhooks.internal.WebhookDto;
import dev.pergola.webhooks.internal.store.DeliveryQueue;
import dev.pergola.webhooks.internal.store.JpaWebhookStore;

/** The rules with the real JPA store and queue on H2 and PostgreSQL: validation, secrets, audit records, pings. */
@RunWith(Parameterized.class)
public class WebhooksTest {
    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();

    @Parameters(name = "{0}")
    public static List<Object[]> databases() {
        return Arrays.asList(new Object[][] {{"h2"}, {"postgresql"}});
    }

    private final String type;
    private TestDatabase db;
    private EntityManagerFactory emf;
    private final Fakes.Box box = new Fakes.Box();
    private final Fakes.Audit audit = new Fakes.Audit();
    private Webhooks webhooks;

    public WebhooksTest(String type) {
        this.type = type;
    }

    @Before
    public void setUp() throws Exception {
        db = new TestDatabase(type, POSTGRES);
        emf = Persistence.createEntityManagerFactory("pergola-webhooks-test", Map.of("javax.persistence.jdbc.url", db.url,
                "javax.persistence.jdbc.user", db.user, "javax.persistence.jdbc.password", db.password));
        webhooks = new Webhooks(new JpaWebhookStore(new LocalJpa(emf), null, null),
                new DeliveryQueue(db.dataSource, db.postgres()), box, audit,
                Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC));
    }

    @After
    public void tearDown() {
        emf.close();
    }

    private String storedSecret(String id) throws Exception {
        try (Connection c = db.dataSource.getConnection();
                ResultSet r = c.createStatement().executeQuery("SELECT secret FROM webhooks WHERE id = '" + id + "'")) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    public void aGeneratedSecretIsShownOnceAndStoredSealed() throws Exception {
        CreatedWebhook created = webhooks.create("alice", new NewWebhook("https://hooks.example.com/in",
                List.of("user.*", "role.created"), null, null, "CRM sync"));
        assertTrue(created.id().startsWith("wh_"));
        assertTrue(created.secret().startsWith("whsec_"));
        assertTrue(created.active());
        String stored = storedSecret(created.id());
        assertTrue(stored.startsWith("sb1:"));
        assertFalse(stored.contains(created.secret()));
        assertEquals(created.secret(), Secrets.open(box, created.id(), stored));
        WebhookDto shown = webhooks.get(created.id());
        assertTrue(shown.secretSet());
        assertEquals(List.of("user.*", "role.created"), shown.events());
        assertEquals("alice", shown.createdBy());
        assertFalse("the DTO has no secret field", Arrays.stream(WebhookDto.class.getRecordComponents())
                .anyMatch(c -> c.getName().equals("secret")));
    }

    @Test
    public void aGivenSecretIsKeptAndEveryChangeIsRecordedInItsTransaction() throws Exception {
        CreatedWebhook created = webhooks.create("alice", new NewWebhook("http://h.example/", List.of("*"),
                "a-secret-of-my-own-choosing", false, null));
        assertEquals("a-secret-of-my-own-choosing", created.secret());
        assertFalse(created.active());
        WebhookDto changed = webhooks.update(created.id(), new WebhookChange(null, List.of("plugin.*"), true, "now on"));
        assertEquals(List.of("plugin.*"), changed.events());
        assertEquals("http://h.example/", changed.url());
        CreatedWebhook rotated = webhooks.rotateSecret(created.id(), null);
        assertNotEquals(created.secret(), rotated.secret());
        assertEquals(rotated.secret(), Secrets.open(box, created.id(), storedSecret(created.id())));
        webhooks.delete(created.id());
        assertEquals(List.of(EventTypes.WEBHOOK_CREATED, EventTypes.WEBHOOK_UPDATED, EventTypes.WEBHOOK_SECRET_ROTATED,
                EventTypes.WEBHOOK_DELETED), audit.records.stream().map(r -> r.entry().action()).toList());
        assertTrue(audit.records.stream().allMatch(Fakes.Recorded::inTransaction));
        assertTrue(audit.records.stream().allMatch(r -> created.id().equals(r.entry().targetId())));
        String all = audit.records.toString();
        assertFalse(all.contains(created.secret()));
        assertFalse(all.contains(rotated.secret()));
        refused(() -> webhooks.get(created.id()), PergolaException.NOT_FOUND);
    }

    @Test
    public void badInputNamesEveryField() {
        PergolaException e = refused(() -> webhooks.create("a", new NewWebhook("ftp://x/", List.of("User.Created", "user.*.x"),
                "short", null, "d".repeat(501))), PergolaException.VALIDATION);
        assertEquals(List.of("must start with http:// or https://"), e.details().get("url"));
        assertEquals(2, e.details().get("events").size());
        assertEquals(List.of("between 16 and 200 characters"), e.details().get("secret"));
        assertEquals(List.of("at most 500 characters"), e.details().get("description"));
        e = refused(() -> webhooks.create("a", new NewWebhook("https://user:pw@x.example/#f", List.of(), null, null, null)),
                PergolaException.VALIDATION);
        assertEquals(List.of("must not carry a user name or password"), e.details().get("url"));
        assertTrue(e.details().containsKey("events"));
        refused(() -> webhooks.update("wh_nope", new WebhookChange(null, null, true, null)), PergolaException.NOT_FOUND);
        assertEquals(List.of(), audit.records);
    }

    @Test
    public void aTestPingAndARedeliveryAreQueuedLikeEvents() {
        CreatedWebhook created = webhooks.create("a", new NewWebhook("http://h.example/", List.of("*"), null, null, null));
        DeliveryDto ping = webhooks.test(created.id());
        assertEquals(Webhooks.TEST_EVENT, ping.eventType());
        assertEquals(DeliveryDto.PENDING, ping.status());
        assertTrue(ping.eventId().startsWith("evt_"));
        DeliveryDto again = webhooks.redeliver(ping.id());
        assertNotEquals(ping.id(), again.id());
        assertEquals(ping.eventId(), again.eventId());
        refused(() -> webhooks.redeliver("dlv_nope"), PergolaException.NOT_FOUND);
        assertEquals(2, webhooks.recentDeliveryIds(10).size());
        assertTrue(webhooks.recentDeliveryIds(10).contains(again.id()));
        webhooks.update(created.id(), new WebhookChange(null, null, false, null));
        refused(() -> webhooks.test(created.id()), PergolaException.CONFLICT);
    }

    private static PergolaException refused(Runnable call, String code) {
        try {
            call.run();
        } catch (PergolaException e) {
            assertEquals(e.getMessage(), code, e.code());
            return e;
        }
        fail("expected " + code);
        return null;
    }

    /** Aries JPA's template reduced to what a RESOURCE_LOCAL unit does: one transaction per call. */
    private record LocalJpa(EntityManagerFactory emf) implements JpaTemplate {
        @Override
        public <R> R txExpr(TransactionType type, EmFunction<R> code) {
            EntityManager em = emf.createEntityManager();
            try {
                em.getTransaction().begin();
                R result = code.apply(em);
                em.getTransaction().commit();
                return result;
            } catch (RuntimeException e) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                throw e;
            } finally {
                em.close();
            }
        }

        @Override
        public void tx(TransactionType type, EmConsumer code) {
            txExpr(type, em -> {
                code.accept(em);
                return null;
            });
        }

        @Override
        public <R> R txExpr(EmFunction<R> code) {
            return txExpr(TransactionType.Required, code);
        }

        @Override
        public void tx(EmConsumer code) {
            tx(TransactionType.Required, code);
        }
    }
}
