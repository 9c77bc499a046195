package dev.pergola.audit.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import dev.pergola.api.audit.AuditActor;
import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.Channel;
import dev.pergola.testkit.PostgresServer;

/**
 * The audit trail's cost, measured (run by {@code bench/audit.sh}; not a unit test):
 * <ol>
 * <li>write throughput: N threads, each on its own connection, insert rows into a demo table, one transaction per
 * row — first without audit, then with an audit record in the same transaction while the sealer seals behind them;
 * the ratio is the price of auditing;</li>
 * <li>how fast the sealer catches up (records sealed per second);</li>
 * <li>{@code verify} over a chain of {@code bench.verify} records (sealed rows written in bulk first).</li>
 * </ol>
 * System properties: {@code bench.db} (h2,postgresql), {@code bench.threads} (4), {@code bench.seconds} (10),
 * {@code bench.verify} (1000000).
 */
public final class AuditBenchmark {
    private static final AuditOrigin ORIGIN = new AuditOrigin(Channel.REST, AuditActor.user("u-bench", "alice"),
            "10.1.2.3", "bench/1.0", "req-bench");

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.threads", 4);
        int seconds = Integer.getInteger("bench.seconds", 10);
        int verifyCount = Integer.getInteger("bench.verify", 1_000_000);
        try (PostgresServer postgres = new PostgresServer()) {
            for (String db : System.getProperty("bench.db", "h2,postgresql").split(",")) {
                Path folder = Files.createTempDirectory("audit-bench-");
                TestDatabase writes = db.equals("h2") ? TestDatabase.h2File(folder)
                        : TestDatabase.postgres(postgres.start(), "bw" + System.nanoTime());
                System.out.printf("%n== %s (%s), %d threads, %d s per run%n", db,
                        db.equals("h2") ? "file database" : "local server, fsync off", threads, seconds);
                writeThroughput(writes, threads, seconds);
                TestDatabase chain = db.equals("h2") ? TestDatabase.h2File(Files.createTempDirectory("audit-verify-"))
                        : TestDatabase.postgres(postgres, "bv" + System.nanoTime());
                verifyTime(chain, verifyCount);
            }
        }
    }

    private static void writeThroughput(TestDatabase db, int threads, int seconds) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_items (id VARCHAR(40) PRIMARY KEY, name VARCHAR(100), payload VARCHAR(1000),"
                    + " created_at TIMESTAMP)");
        }
        AuditSealer sealer = new AuditSealer(db.pooled(), null, new NoEvents());
        JdbcAuditTrail trail = new JdbcAuditTrail(db, sealer::nudge);
        try {
            run(db, trail, threads, 2, false); // warm up both paths
            run(db, trail, threads, 2, true);
            double plain = run(db, trail, threads, seconds, false);
            double audited = run(db, trail, threads, seconds, true);
            System.out.printf("  plain writes      %10.0f tx/s%n", plain);
            System.out.printf("  audited writes    %10.0f tx/s  = %.0f audit records/s%n", audited, audited);
            System.out.printf("  ratio             %10.2f  (goal >= 0.5)%n", audited / plain);
            long backlogAt = System.nanoTime();
            long backlog = unsealed(db);
            while (unsealed(db) > 0) {
                Thread.sleep(20);
            }
            double drain = (System.nanoTime() - backlogAt) / 1e9;
            System.out.printf("  sealer backlog    %10d records at the end, sealed in %.2f s%n", backlog, drain);
        } finally {
            sealer.stop();
        }
        long start = System.nanoTime();
        ChainVerifier.Result r = new ChainVerifier(db).verify();
        System.out.printf("  chain after run   %10d records, valid=%s, verified in %.2f s%n", r.checked(), r.valid(),
                (System.nanoTime() - start) / 1e9);
        sealRate(db);
    }

    /** Sealing alone: 50,000 unsealed records, one sealer, batches of 500. */
    private static void sealRate(TestDatabase db) throws Exception {
        JdbcAuditTrail trail = new JdbcAuditTrail(db, () -> { });
        int n = 50_000;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < n; i++) {
                trail.record(c, entry("seal-" + i));
                if (i % 1000 == 999) {
                    c.commit();
                }
            }
            c.commit();
        }
        ChainSealer sealer = new ChainSealer(db.pooled(), 500);
        long start = System.nanoTime();
        long sealed = 0;
        List<AuditRow> batch;
        do {
            batch = sealer.sealBatch();
            sealed += batch.size();
        } while (!batch.isEmpty());
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("  sealing alone     %10.0f records/s (%d in %.2f s)%n", sealed / s, sealed, s);
    }

    private static double run(TestDatabase db, JdbcAuditTrail trail, int threads, int seconds, boolean audit)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO bench_items (id, name, payload, created_at) VALUES (?, ?, ?, ?)")) {
                    c.setAutoCommit(false);
                    while (!stop.get()) {
                        String id = UUID.randomUUID().toString();
                        insert.setString(1, id);
                        insert.setString(2, "item " + id.substring(0, 8));
                        insert.setString(3, "x".repeat(200));
                        insert.setTimestamp(4, Timestamp.from(Instant.now()));
                        insert.executeUpdate();
                        if (audit) {
                            try (var bound = trail.bind(ORIGIN)) {
                                trail.record(c, entry(id));
                            }
                        }
                        c.commit();
                        done.increment();
                    }
                } catch (SQLException | RuntimeException e) {
                    failures.add(e);
                }
            });
            workers.add(w);
            w.start();
        }
        long start = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a writer failed", failures.get(0));
        }
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }

    private static AuditEntry entry(String id) {
        return AuditEntry.of("bench.item_created").withTarget("item", id, "item " + id.substring(0, 6))
                .withAfter(Map.of("id", id, "name", "item " + id.substring(0, 6), "payload", "x".repeat(200)));
    }

    /** Writes {@code count} sealed records in bulk (the chain computed here, as the sealer would), then verifies. */
    private static void verifyTime(TestDatabase db, int count) throws Exception {
        EntryRows rows = new EntryRows(new AuditJson());
        ChainHash hash = new ChainHash();
        String previous = ChainHash.GENESIS;
        Instant base = Instant.now().minusSeconds(count);
        long start = System.nanoTime();
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO audit_log (id, occurred_at, action, outcome, actor_type, actor_id, actor_name,"
                        + " actor_user_id, channel, target_type, target_id, target_name, client_address, user_agent,"
                        + " request_id, before_json, after_json, details_json, seq, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= count; i++) {
                AuditRow row = rows.toRow(entry(UUID.randomUUID().toString()), ORIGIN, base.plusSeconds(i));
                String digest = hash.of(previous, i, row);
                row.bindInsert(insert);
                insert.setLong(19, i);
                insert.setString(20, previous);
                insert.setString(21, digest);
                insert.addBatch();
                previous = digest;
                if (i % 2000 == 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
        System.out.printf("  bulk load         %10d sealed records in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        ChainVerifier.Result r = new ChainVerifier(db).verify();
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("  verify            %10d records in %.2f s, valid=%s  (goal <= 10 s for 1M)%n", r.checked(), s,
                r.valid());
        if (!r.valid() || r.checked() != count) {
            throw new IllegalStateException("the bulk chain does not verify: " + r);
        }
    }

    private static long unsealed(TestDatabase db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM audit_log WHERE seq IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static final class NoEvents implements EventAdmin {
        @Override
        public void postEvent(Event event) {
        }

        @Override
        public void sendEvent(Event event) {
        }
    }
}
