package dev.pergola.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Seals committed, unsealed records into the chain, one batch per transaction: oldest first
 * ({@code ORDER BY occurred_at, id}), each given the next {@code seq}, the previous hash and its own hash computed
 * from the row as read back from the database. On PostgreSQL the batch first takes a transaction-scoped advisory lock,
 * so one node seals at a time; a node that does not get it leaves the work to the one that has it. The unique
 * {@code seq} is the last guard: two sealers racing anyway make one transaction fail, never a fork.
 */
public final class ChainSealer {
    /** The advisory lock key of the chain ("pergaud1"): sealing and retention take it. */
    public static final long CHAIN_LOCK = 0x7065726761756431L;

    private static final String UNSEALED = "SELECT " + AuditRow.COLUMNS
            + " FROM audit_log WHERE seq IS NULL ORDER BY occurred_at, id FETCH FIRST ? ROWS ONLY";
    /**
     * H2 sorts the whole backlog for the query above, so a large backlog (after an outage, under a write burst) gets
     * slower to drain the larger it is. On H2 (one node) the batch is read from the seq index instead, whose NULL
     * entries come in insertion order, and sorted here: oldest first within the batch, and batch after batch in the
     * order the records were written.
     */
    private static final String UNSEALED_H2 = "SELECT " + AuditRow.COLUMNS
            + " FROM audit_log WHERE seq IS NULL FETCH FIRST ? ROWS ONLY";
    private static final java.util.Comparator<AuditRow> CHAIN_ORDER = java.util.Comparator
            .comparing(AuditRow::occurredAt).thenComparing(AuditRow::id);
    /** By primary key ({@code hash IS NULL}, not {@code seq IS NULL}, so H2 never plans it through the seq index). */
    private static final String SEAL = "UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ? WHERE id = ? AND hash IS NULL";

    private final DataSource dataSource;
    private final int batchSize;
    private final ChainHash hash = new ChainHash();

    public ChainSealer(DataSource dataSource, int batchSize) {
        this.dataSource = dataSource;
        this.batchSize = batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * Seals up to one batch and commits it. Not for concurrent use (one sealer thread per node).
     *
     * @return the records sealed, in chain order; empty when there was nothing to seal or another node holds the lock
     */
    public synchronized List<AuditRow> sealBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<AuditRow> sealed = seal(c);
                c.commit();
                return sealed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private List<AuditRow> seal(Connection c) throws SQLException {
        if (!ChainLinks.lockChain(c)) {
            return List.of();
        }
        List<AuditRow> pending = new ArrayList<>();
        boolean postgres = ChainLinks.isPostgres(c);
        try (PreparedStatement select = c.prepareStatement(postgres ? UNSEALED : UNSEALED_H2)) {
            select.setInt(1, batchSize);
            java.util.Calendar utc = AuditRow.utc();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    pending.add(AuditRow.read(rs, utc));
                }
            }
        }
        pending.sort(CHAIN_ORDER);
        if (pending.isEmpty()) {
            return List.of();
        }
        ChainLinks.Link last = ChainLinks.last(c);
        long seq = last.seq();
        String previous = last.hash();
        List<AuditRow> sealed = new ArrayList<>(pending.size());
        try (PreparedStatement update = c.prepareStatement(SEAL)) {
            for (AuditRow row : pending) {
                seq++;
                String digest = hash.of(previous, seq, row);
                update.setLong(1, seq);
                update.setString(2, previous);
                update.setString(3, digest);
                update.setString(4, row.id());
                update.addBatch();
                sealed.add(row.seal(seq, previous, digest));
                previous = digest;
            }
            for (int count : update.executeBatch()) {
                if (count == 0) { // sealed by someone else meanwhile: give this batch up, the next one starts over
                    throw new SQLException("an audit record was sealed by another sealer; retrying");
                }
            }
        }
        return sealed;
    }
}
