package dev.pergola.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Walks the sealed records from the newest anchor in {@code seq} order, streaming, and checks that the positions are
 * consecutive (a deleted record leaves a gap), that each record names its predecessor's hash, and that its hash is
 * that of its content as stored now (an edited record no longer matches).
 */
public final class ChainVerifier {
    private static final String WALK = "SELECT " + AuditRow.COLUMNS + " FROM audit_log WHERE seq > ? ORDER BY seq";

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
            c.setReadOnly(true);
            try {
                return walk(c);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static Result walk(Connection c) throws SQLException {
        ChainLinks.Link anchor = ChainLinks.anchor(c);
        ChainHash hash = new ChainHash();
        long expected = anchor.seq() + 1;
        String previous = anchor.hash();
        long checked = 0;
        try (PreparedStatement q = c.prepareStatement(WALK, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            q.setFetchSize(2000);
            q.setLong(1, anchor.seq());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    AuditRow row = AuditRow.read(rs);
                    if (row.seq() != expected) {
                        return new Result(false, checked, expected);
                    }
                    checked++;
                    if (!previous.equals(row.prevHash()) || !hash.of(previous, expected, row).equals(row.hash())) {
                        return new Result(false, checked, expected);
                    }
                    previous = row.hash();
                    expected++;
                }
            }
        }
        return new Result(true, checked, null);
    }
}
