package dev.pergola.mail.internal.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import dev.pergola.api.mail.MailMessage;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.Operator;
import dev.pergola.mail.internal.MailDatabase;
import dev.pergola.mail.internal.OutboxMailer;
import dev.pergola.mail.internal.TestBox;
import dev.pergola.testkit.PostgresServer;
import dev.pergola.testkit.TableAuditTrail;

/** The outbox as a queue on H2 and on a real PostgreSQL: claims, the sending mark, outcomes, crashes, admin changes. */
@RunWith(Parameterized.class)
public class OutboxTest {
    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();
    private static final Duration LEASE = Duration.ofMinutes(5);

    @Parameters(name = "{0}")
    public static List<Object[]> databases() {
        return Arrays.asList(new Object[][] {{"h2"}, {"postgresql"}});
    }

    private final String type;
    private MailDatabase db;
    private Outbox outbox;
    private OutboxMailer mailer;
    private final TableAuditTrail audit = new TableAuditTrail();

    public OutboxTest(String type) {
        this.type = type;
    }

    @Before
    public void setUp() throws Exception {
        db = new MailDatabase(type, POSTGRES);
        outbox = new Outbox(db.dataSource, db.postgres);
        mailer = new OutboxMailer(db.dataSource, null, new TestBox(), null);
    }

    private String queue(String to) {
        return mailer.send(MailMessage.text(to, "Hello", "Body for " + to, "test"));
    }

    @Test
    public void aClaimLeasesDueMessagesOnceAndOnlyTheMessageOnTheWireIsSending() throws Exception {
        String a = queue("a@example.test");
        String b = queue("b@example.test");
        String c = queue("c@example.test");
        Instant now = Instant.now().plusSeconds(1);
        List<Claim> first = outbox.claim(2, now, LEASE);
        assertEquals(List.of(a, b), first.stream().map(Claim::id).toList());
        assertEquals(List.of(c), outbox.claim(5, now, LEASE).stream().map(Claim::id).toList());
        assertTrue("leased messages are not claimed again", outbox.claim(5, now, LEASE).isEmpty());

        assertTrue(outbox.startSending(first.get(0), now));
        assertEquals("sending", db.status(a));
        assertEquals("the rest of the batch is not on the wire", "pending", db.status(b));
        assertFalse("a second start of the same claim does nothing", outbox.startSending(first.get(0), now));
    }

    @Test
    public void concurrentSendersNeverClaimTheSameMessage() throws Exception {
        Set<String> queued = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            queued.add(queue("n" + i + "@example.test"));
        }
        Instant now = Instant.now().plusSeconds(1);
        ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(pool.submit(() -> {
                List<Claim> batch;
                while (!(batch = outbox.claim(3, now, LEASE)).isEmpty()) {
                    batch.forEach(c -> claimed.add(c.id()));
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
        assertEquals("each message once", 60, claimed.size());
        assertEquals(queued, new HashSet<>(claimed));
    }

    @Test
    public void sentErasesTheBodiesAndIsAuditedInTheSameTransaction() throws Exception {
        String id = queue("s@example.test");
        Claim claim = outbox.claim(1, Instant.now().plusSeconds(1), LEASE).get(0);
        assertTrue(outbox.startSending(claim, Instant.now()));
        audit.failNext = true;
        assertThrows(RuntimeException.class, () -> outbox.sent(claim, Instant.now(),
                tx -> audit.record(tx, dev.pergola.api.audit.AuditEntry.of("email.sent").withTarget("email", id))));
        assertEquals("the failed audit rolled the change back", "sending", db.status(id));
        assertEquals(0, db.count("SELECT COUNT(*) FROM test_audit"));

        assertTrue(outbox.sent(claim, Instant.now(),
                tx -> audit.record(tx, dev.pergola.api.audit.AuditEntry.of("email.sent").withTarget("email", id))));
        assertEquals("sent", db.status(id));
        assertEquals("", db.value("SELECT text_body FROM pergola_mail_outbox WHERE id = ?", id));
        assertEquals("1", db.value("SELECT attempts FROM pergola_mail_outbox WHERE id = ?", id));
        assertEquals(1, db.count("SELECT COUNT(*) FROM test_audit WHERE action = 'email.sent'"));
    }

    @Test
    public void aDeadSenderLeavesOnlyItsMessageOnTheWireUnknownAndTheRestIsClaimedAgain() throws Exception {
        String onWire = queue("w@example.test");
        String waiting = queue("x@example.test");
        Instant now = Instant.now().plusSeconds(1);
        List<Claim> batch = outbox.claim(2, now, LEASE);
        assertTrue(outbox.startSending(batch.get(0), now));
        // the sender dies here; before its lease ends nothing moves
        assertTrue(outbox.markAbandoned(now, row -> { }).isEmpty());
        Instant later = now.plus(LEASE).plusSeconds(1);
        List<String> marked = outbox.markAbandoned(later, row -> audit.record(row.transaction(),
                dev.pergola.api.audit.AuditEntry.of("email.failed").withTarget("email", row.id())));
        assertEquals(List.of(onWire), marked);
        assertEquals("unknown", db.status(onWire));
        assertEquals(1, db.count("SELECT COUNT(*) FROM test_audit WHERE action = 'email.failed'"));
        List<Claim> again = outbox.claim(5, later, LEASE);
        assertEquals("never on the wire: sent later, once", List.of(waiting), again.stream().map(Claim::id).toList());
        assertFalse("the dead sender's outcome is not written over the unknown",
                outbox.sent(batch.get(0), later, tx -> { }));
        assertEquals("unknown", db.status(onWire));
    }

    @Test
    public void aSingleNodeRestartFreesItsOldClaimsAtOnce() {
        queue("r@example.test");
        Instant now = Instant.now().plusSeconds(1);
        assertEquals(1, outbox.claim(5, now, LEASE).size());
        assertEquals(1, outbox.releaseAllClaims());
        assertEquals(1, outbox.claim(5, now, LEASE).size());
    }

    @Test
    public void retriesWaitForTheirTimeAndAdminsRetryDeleteAndClear() throws Exception {
        String id = queue("f@example.test");
        Instant now = Instant.now().plusSeconds(1);
        Claim claim = outbox.claim(1, now, LEASE).get(0);
        assertTrue(outbox.retryAt(claim, "connect: refused", now.plusSeconds(30)));
        assertTrue("not due before its backoff", outbox.claim(1, now.plusSeconds(29), LEASE).isEmpty());
        Claim second = outbox.claim(1, now.plusSeconds(31), LEASE).get(0);
        assertEquals(1, second.attempts());
        assertTrue(outbox.giveUp(second, Status.FAILED, "connect: refused", tx -> { }));
        assertEquals("failed", db.status(id));

        OutboxRecords records = new OutboxRecords(outbox);
        assertTrue(records.retry(id, now, tx -> audit.record(tx, dev.pergola.api.audit.AuditEntry.of("email.retried"))));
        assertEquals("pending", db.status(id));
        assertEquals("a fresh set of attempts", "0", db.value("SELECT attempts FROM pergola_mail_outbox WHERE id = ?", id));
        assertFalse("only failed or unknown", records.retry(id, now, tx -> { }));

        String other = queue("g@example.test");
        Claim onWire = outbox.claim(5, now, LEASE).stream().filter(c -> c.id().equals(other)).findFirst().orElseThrow();
        assertTrue(outbox.startSending(onWire, now));
        assertFalse("a message on the wire is not deleted", records.delete(other, tx -> { }));
        assertEquals("pending ones are cleared, the sending one stays", 1, records.clear("pending", tx -> { }));
        assertEquals("sending", db.status(other));
        assertEquals(1, db.count("SELECT COUNT(*) FROM test_audit WHERE action = 'email.retried'"));
    }

    @Test
    public void theListFiltersSearchesSortsAndPages() {
        for (int i = 0; i < 5; i++) {
            queue("list" + i + "@example.test");
        }
        queue("other_%@example.test");
        OutboxRecords records = new OutboxRecords(outbox);
        var spec = OutboxRecords.LIST;
        ListQuery page = new ListQuery(2, 2, List.of(new ListQuery.Sort(spec.field("recipient").orElseThrow(), false)),
                List.of(new ListQuery.Filter(spec.field("status").orElseThrow(), Operator.EQ, List.of("pending"))),
                "list", Set.of(), spec);
        var result = records.list(page);
        assertEquals(5, result.total());
        assertEquals(List.of("list2@example.test", "list3@example.test"),
                result.items().stream().map(EmailDto::recipient).toList());
        ListQuery literal = new ListQuery(1, 20, List.of(), List.of(new ListQuery.Filter(
                spec.field("recipient").orElseThrow(), Operator.LIKE, List.of("_%"))), null, Set.of(), spec);
        assertEquals("% and _ are literal in like", 1, records.list(literal).total());
        Map<String, Object> counts = records.counts(Instant.now().plusSeconds(60));
        assertEquals(6L, counts.get("pending"));
        assertEquals(6L, counts.get("late"));
    }
}
