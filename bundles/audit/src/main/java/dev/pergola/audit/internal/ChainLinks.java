package dev.pergola.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/** Where the chain ends and who may extend it: shared by the sealer, verification and retention. */
public final class ChainLinks {
    /** A position in the chain and the hash there. */
    public record Link(long seq, String hash) {
    }

    /** Before the first record. */
    public static final Link START = new Link(0, ChainHash.GENESIS);

    private ChainLinks() {
    }

    public static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    /**
     * Takes the chain's transaction-scoped advisory lock on PostgreSQL (released at commit or rollback).
     *
     * @return whether this transaction may extend or trim the chain; always true on H2 (one node)
     */
    public static boolean lockChain(Connection c) throws SQLException {
        if (!isPostgres(c)) {
            return true;
        }
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, ChainSealer.CHAIN_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The newest sealed record, else the newest anchor, else {@link #START}. */
    public static Link last(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT seq, hash FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)");
                ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                return new Link(rs.getLong(1), rs.getString(2));
            }
        }
        return anchor(c);
    }

    /** The newest anchor retention left, else {@link #START}: where verification begins. */
    public static Link anchor(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT seq, hash FROM audit_anchor ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY");
                ResultSet rs = q.executeQuery()) {
            return rs.next() ? new Link(rs.getLong(1), rs.getString(2)) : START;
        }
    }
}
