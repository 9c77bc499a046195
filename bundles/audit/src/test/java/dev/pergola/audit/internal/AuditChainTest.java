package dev.pergola.audit.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import dev.pergola.api.audit.AuditActor;
import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.audit.Channel;
import dev.pergola.api.audit.Outcome;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.PergolaEvent;
import dev.pergola.testkit.PostgresServer;

/** Write, seal, read and verify the chain on H2 and on a real PostgreSQL server. */
@RunWith(Parameterized.class)
public class AuditChainTest {
    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();

    @Parameters(name = "{0}")
    public static List<Object[]> databases() {
        return Arrays.asList(new Object[][] {{"h2"}, {"postgresql"}});
    }

    private final String type;
    private TestDatabase db;
    private JdbcAuditTrail trail;
    private ChainSealer sealer;
    private final AtomicInteger nudges = new AtomicInteger();

    public AuditChainTest(String type) {
        this.type = type;
    }

    @Before
    public void setUp() throws Exception {
        db = TestDatabase.create(type, POSTGRES);
        trail = new JdbcAuditTrail(db, nudges::incrementAndGet);
        sealer = new ChainSealer(db, 3);
    }

    @Test
    public void aRecordCommitsAndRollsBackWithTheCallersTransaction() throws Exception {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            trail.record(c, AuditEntry.of("user.created").withTarget("user", "u1", "alice"));
            c.rollback();
            trail.record(c, AuditEntry.of("user.created").withTarget("user", "u2", "bob"));
            assertEquals("not visible before the caller commits", 0, count());
            c.commit();
        }
        assertEquals(1, count());
        assertEquals(2, nudges.get());
        List<AuditRow> sealed = drain();
        assertEquals(1, sealed.size());
        assertEquals("u2", sealed.get(0).targetId());
    }

    @Test
    public void sealingNumbersAndLinksRecordsAndVerifyAcceptsThem() throws Exception {
        for (int i = 0; i < 7; i++) {
            trail.record(AuditEntry.of("role.updated").withTarget("role", "r" + i).withAfter(Map.of("n", i)));
        }
        assertEquals(3, sealer.sealBatch().size());
        List<AuditRow> rest = drain();
        assertEquals(4, rest.size());
        assertEquals(Long.valueOf(7), rest.get(3).seq());
        List<AuditRow> all = rows();
        assertEquals(ChainHash.GENESIS, all.get(0).prevHash());
        for (int i = 1; i < all.size(); i++) {
            assertEquals(Long.valueOf(i + 1), all.get(i).seq());
            assertEquals(all.get(i - 1).hash(), all.get(i).prevHash());
        }
        ChainVerifier.Result result = new ChainVerifier(db).verify();
        assertEquals(new ChainVerifier.Result(true, 7, null), result);
    }

    @Test
    public void anEditedRecordIsReportedByItsSequence() throws Exception {
        sealRecords(6);
        assertEquals(1, db.update("UPDATE audit_log SET actor_name = 'mallory' WHERE seq = 4"));
        ChainVerifier.Result result = new ChainVerifier(db).verify();
        assertFalse(result.valid());
        assertEquals(Long.valueOf(4), result.firstBroken());
    }

    @Test
    public void aDeletedRecordIsReportedByItsSequence() throws Exception {
        sealRecords(6);
        assertEquals(1, db.update("DELETE FROM audit_log WHERE seq = 3"));
        assertEquals(Long.valueOf(3), new ChainVerifier(db).verify().firstBroken());
    }

    @Test
    public void aShiftedTimestampIsReported() throws Exception {
        sealRecords(3);
        assertEquals(1, db.update("UPDATE audit_log SET occurred_at = occurred_at + INTERVAL '1' SECOND WHERE seq = 2"));
        assertEquals(Long.valueOf(2), new ChainVerifier(db).verify().firstBroken());
    }

    @Test
    public void nullsComeFromTheBoundOriginAndBindingsNest() throws Exception {
        AuditOrigin rest = new AuditOrigin(Channel.REST, AuditActor.user("u9", "alice"), "10.0.0.9", "curl/8",
                "req-1");
        try (AuditTrail.Binding outer = trail.bind(rest)) {
            try (AuditTrail.Binding inner = trail.bind(new AuditOrigin(Channel.SHELL, null, null, "ssh", null))) {
                trail.record(AuditEntry.of("auth.login_failed").withOutcome(Outcome.DENIED));
                assertEquals(1, inner.recorded());
            }
            trail.record(AuditEntry.of("user.updated").withTarget("user", "u1"));
            assertEquals(1, outer.recorded());
            assertEquals(rest, trail.origin());
        }
        assertEquals(AuditOrigin.SYSTEM, trail.origin());
        trail.record(AuditEntry.of("plugin.failed").withOutcome(Outcome.FAILED));
        List<AuditRow> rows = drain();
        assertEquals("shell", rows.get(0).channel());
        assertEquals("anonymous", rows.get(0).actorType());
        assertEquals("ssh", rows.get(0).userAgent());
        assertEquals("denied", rows.get(0).outcome());
        assertEquals("rest", rows.get(1).channel());
        assertEquals("u9", rows.get(1).actorUserId());
        assertEquals("alice", rows.get(1).actorName());
        assertEquals("10.0.0.9", rows.get(1).clientAddress());
        assertEquals("req-1", rows.get(1).requestId());
        assertEquals("system", rows.get(2).actorType());
        assertEquals("system", rows.get(2).channel());
    }

    @Test
    public void theEventLogReadsSealedRecordsAsEvents() throws Exception {
        trail.record(AuditEntry.of("user.updated").withTarget("user", "u1", "alice")
                .withBefore(Map.of("email", "a@x", "password", "hunter2")).withAfter(Map.of("email", "b@x"))
                .withDetail("reason", "typo"));
        trail.record(AuditEntry.of("user.deleted").withTarget("user", "u1", "alice"));
        JdbcEventLog log = new JdbcEventLog(db, null);
        assertEquals(0, log.lastSequence());
        assertTrue("unsealed records are not events yet", log.after(0, 10).isEmpty());
        drain();
        assertEquals(2, log.lastSequence());
        List<PergolaEvent> events = log.after(0, 10);
        assertEquals(2, events.size());
        PergolaEvent first = events.get(0);
        assertEquals("user.updated", first.type());
        assertEquals(1, first.sequence());
        assertTrue(first.id().startsWith("evt_"));
        assertEquals(Map.of("type", "system", "id", "system", "name", "system"), first.data().get("actor"));
        assertEquals(Map.of("type", "user", "id", "u1", "name", "alice"), first.data().get("target"));
        assertEquals("success", first.data().get("outcome"));
        assertEquals(Map.of("email", "a@x", "password", AuditJson.REDACTED), first.data().get("before"));
        assertEquals("typo", first.data().get("reason"));
        assertEquals(List.of(2L), log.after(1, 10).stream().map(PergolaEvent::sequence).toList());
        assertTrue(log.after(2, 10).isEmpty());
    }

    @Test
    public void aFailedInsertIsUnavailableSoTheCallersChangeFails() throws Exception {
        db.update("DROP TABLE audit_log");
        try {
            trail.record(AuditEntry.of("user.created"));
            fail("the record cannot be written");
        } catch (PergolaException e) {
            assertEquals(PergolaException.UNAVAILABLE, e.code());
        }
    }

    @Test
    public void recordsOfOtherSealingRacesDoNotFork() throws Exception {
        sealRecords(2);
        trail.record(AuditEntry.of("user.created"));
        ChainSealer other = new ChainSealer(db, 10);
        assertEquals(1, other.sealBatch().size());
        assertTrue(sealer.sealBatch().isEmpty());
        assertTrue(new ChainVerifier(db).verify().valid());
        assertNotNull(rows().get(2).hash());
        assertNull(new ChainVerifier(db).verify().firstBroken());
    }

    @Test
    public void retentionArchivesTheOldPartLeavesAnAnchorAndTheChainGoesOn() throws Exception {
        sealRecords(5);
        db.update("UPDATE audit_log SET occurred_at = occurred_at - INTERVAL '400' DAY WHERE seq <= 3");
        // re-seal is not possible (hashes cover the time): rebuild the chain as if records 1-3 were written long ago
        db.update("UPDATE audit_log SET seq = NULL, prev_hash = NULL, hash = NULL");
        assertEquals(5, drain().size());
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("audit-archive");
        dev.pergola.audit.internal.retention.Archiver.Outcome outcome = new dev.pergola.audit.internal.retention
                .Archiver(db).archive(java.time.Instant.now().minus(java.time.Duration.ofDays(365)), folder);
        assertEquals(3, outcome.archived());
        assertEquals(3, outcome.throughSeq());
        assertEquals(2, count());
        if (outcome.file().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(outcome.file())));
        }
        List<String> lines;
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(outcome.file())),
                java.nio.charset.StandardCharsets.UTF_8))) {
            lines = in.lines().toList();
        }
        assertEquals(3, lines.size());
        assertTrue(lines.get(2), lines.get(2).startsWith("{\"seq\":3,"));
        assertEquals(new ChainVerifier.Result(true, 2, null), new ChainVerifier(db).verify());
        trail.record(AuditEntry.of("user.created"));
        assertEquals(Long.valueOf(6), drain().get(0).seq());
        assertTrue(new ChainVerifier(db).verify().valid());
        assertEquals("nothing more is old enough", 0, new dev.pergola.audit.internal.retention.Archiver(db)
                .archive(java.time.Instant.now().minus(java.time.Duration.ofDays(365)), folder).archived());
        db.update("DELETE FROM audit_log WHERE seq = 4");
        assertEquals(Long.valueOf(4), new ChainVerifier(db).verify().firstBroken());
    }

    @Test
    public void retentionRefusesToBuryABrokenChain() throws Exception {
        sealRecords(4);
        db.update("UPDATE audit_log SET actor_name = 'x' WHERE seq = 2");
        try {
            new dev.pergola.audit.internal.retention.Archiver(db).archive(java.time.Instant.now().plusSeconds(60),
                    java.nio.file.Files.createTempDirectory("audit-archive"));
            fail("a broken chain is not archived");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("broken at record 2"));
        }
        assertEquals(4, count());
        assertEquals(Long.valueOf(2), new ChainVerifier(db).verify().firstBroken());
    }

    private void sealRecords(int n) throws SQLException {
        for (int i = 0; i < n; i++) {
            trail.record(AuditEntry.of("user.updated").withActor(AuditActor.user("u" + i, "user" + i))
                    .withTarget("user", "t" + i).withAfter(Map.of("i", i)));
        }
        assertEquals(n, drain().size());
        assertTrue(new ChainVerifier(db).verify().valid());
    }

    private List<AuditRow> drain() throws SQLException {
        List<AuditRow> all = new ArrayList<>();
        List<AuditRow> batch;
        do {
            batch = sealer.sealBatch();
            all.addAll(batch);
        } while (!batch.isEmpty());
        return all;
    }

    private long count() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM audit_log");
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<AuditRow> rows() throws SQLException {
        List<AuditRow> rows = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT " + AuditRow.COLUMNS + " FROM audit_log ORDER BY seq");
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                rows.add(AuditRow.read(rs));
            }
        }
        return rows;
    }
}
