package dev.pergola.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.sql.DataSource;

/**
 * Walks the sealed records from the newest anchor in {@code seq} order, streaming, and checks that the positions are
 * consecutive (a deleted record leaves a gap), that each record names its predecessor's hash, and that its hash is
 * that of its content as stored now (an edited record no longer matches).
 *
 * <p>One thread reads batches from the database while the caller's thread checks them; each record's hash depends
 * only on its own stored columns and stored {@code prev_hash}, so a batch's hashes are computed in parallel and only
 * the linkage is checked in order.
 */
public final class ChainVerifier {
    private static final int BATCH = 2000;
    /**
     * One page of the chain, by key: each page is an index range scan, where one query over the whole chain made H2
     * materialise a million-row result in temporary files first (PostgreSQL streams either way).
     */
    private static final String PAGE = "SELECT " + AuditRow.COLUMNS
            + " FROM audit_log WHERE seq > ? ORDER BY seq FETCH FIRST " + BATCH + " ROWS ONLY";
    private static final List<AuditRow> END = List.of();
    private static final ThreadLocal<ChainHash> HASH = ThreadLocal.withInitial(ChainHash::new);

    /** The outcome; {@code firstBroken} is the first position that does not hold, null when all do. */
    public record Result(boolean valid, long checked, Long firstBroken) {
    }

    private final DataSource dataSource;

    public ChainVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Result verify() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try {
                return walk(c);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static Result walk(Connection c) throws SQLException {
        ChainLinks.Link anchor = ChainLinks.anchor(c);
        BlockingQueue<List<AuditRow>> batches = new ArrayBlockingQueue<>(4);
        Reader reader = new Reader(c, anchor.seq(), batches);
        Thread thread = new Thread(reader, "pergola-audit-verify");
        thread.setDaemon(true);
        thread.start();
        long expected = anchor.seq() + 1;
        String previous = anchor.hash();
        long checked = 0;
        try {
            for (List<AuditRow> next = take(batches); next != END; next = take(batches)) {
                List<AuditRow> batch = next;
                boolean[] intact = new boolean[batch.size()];
                IntStream.range(0, batch.size()).parallel().forEach(i -> {
                    AuditRow row = batch.get(i);
                    intact[i] = row.prevHash() != null && row.hash() != null
                            && HASH.get().of(row.prevHash(), row.seq(), row).equals(row.hash());
                });
                for (int i = 0; i < batch.size(); i++) {
                    AuditRow row = batch.get(i);
                    if (row.seq() != expected) {
                        return new Result(false, checked, expected);
                    }
                    checked++;
                    if (!intact[i] || !previous.equals(row.prevHash())) {
                        return new Result(false, checked, expected);
                    }
                    previous = row.hash();
                    expected++;
                }
            }
        } finally {
            reader.stop = true;
            batches.clear(); // unblocks a reader waiting to put
            join(thread);
        }
        if (reader.failure != null) {
            throw reader.failure;
        }
        return new Result(true, checked, null);
    }

    private static List<AuditRow> take(BlockingQueue<List<AuditRow>> batches) {
        try {
            return batches.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying the audit chain", e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the chain in batches; ends with {@link #END}, also when it fails or is stopped. */
    private static final class Reader implements Runnable {
        private final Connection c;
        private final long after;
        private final BlockingQueue<List<AuditRow>> out;
        volatile boolean stop;
        volatile SQLException failure;

        Reader(Connection c, long after, BlockingQueue<List<AuditRow>> out) {
            this.c = c;
            this.after = after;
            this.out = out;
        }

        @Override
        public void run() {
            try (PreparedStatement q = c.prepareStatement(PAGE, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                q.setFetchSize(BATCH);
                Calendar utc = AuditRow.utc();
                long last = after;
                boolean more = true;
                while (!stop && more) {
                    List<AuditRow> batch = new ArrayList<>(BATCH);
                    q.setLong(1, last);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            batch.add(AuditRow.read(rs, utc));
                        }
                    }
                    more = batch.size() == BATCH;
                    if (!batch.isEmpty()) {
                        last = batch.get(batch.size() - 1).seq();
                        put(batch);
                    }
                }
            } catch (SQLException e) {
                failure = e;
            } finally {
                while (!out.offer(END)) {
                    out.clear();
                }
            }
        }

        private void put(List<AuditRow> batch) {
            try {
                while (!stop && !out.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    // the checker is behind: wait
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
            }
        }
    }
}
