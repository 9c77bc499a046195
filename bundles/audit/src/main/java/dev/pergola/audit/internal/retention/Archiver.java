package dev.pergola.audit.internal.retention;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.audit.internal.AuditRow;
import dev.pergola.audit.internal.ChainHash;
import dev.pergola.audit.internal.ChainLinks;

/**
 * Moves the oldest part of the chain out of the database: every sealed record up to the last position whose records
 * are all older than the cut-off is written to a gzip JSON-lines file (the stored columns as they are, so the archive
 * can be verified on its own), then deleted, and an anchor (that position and its hash) is written in the same
 * transaction — verification then starts from the anchor. The transaction holds the chain's lock (PostgreSQL), so
 * one node archives at a time and nothing is sealed meanwhile.
 */
public final class Archiver {
    /** What one run did; {@code file} is null when there was nothing to archive. */
    public record Outcome(long archived, long throughSeq, Path file) {
    }

    private final DataSource dataSource;
    private final ObjectMapper mapper = new ObjectMapper();

    public Archiver(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Outcome archive(Instant cutoff, Path folder) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            Path file = null;
            try {
                if (!ChainLinks.lockChain(c)) {
                    c.rollback();
                    return new Outcome(0, 0, null);
                }
                ChainLinks.Link anchor = ChainLinks.anchor(c);
                long through = lastArchivable(c, cutoff);
                if (through <= anchor.seq()) {
                    c.rollback();
                    return new Outcome(0, anchor.seq(), null);
                }
                file = PrivateFiles.folder(folder).resolve("audit-" + (anchor.seq() + 1) + "-" + through + ".jsonl.gz");
                PrivateFiles.create(file);
                String lastHash = write(c, anchor.seq(), through, file);
                long deleted = delete(c, anchor.seq(), through);
                anchor(c, through, lastHash, deleted, file);
                c.commit();
                return new Outcome(deleted, through, file);
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                if (file != null) {
                    Files.deleteIfExists(file);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** The highest position such that it and every position before it are older than {@code cutoff}. */
    private static long lastArchivable(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT MIN(seq) FROM audit_log WHERE seq IS NOT NULL"
                + " AND occurred_at >= ?")) {
            q.setTimestamp(1, Timestamp.from(cutoff), AuditRow.utc());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                long first = rs.getLong(1);
                if (!rs.wasNull()) {
                    return first - 1;
                }
            }
        }
        try (PreparedStatement q = c.prepareStatement("SELECT MAX(seq) FROM audit_log");
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String write(Connection c, long after, long through, Path file) throws SQLException, IOException {
        String lastHash = null;
        try (PreparedStatement q = c.prepareStatement("SELECT " + AuditRow.COLUMNS
                + " FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq")) {
            q.setFetchSize(1000);
            q.setLong(1, after);
            q.setLong(2, through);
            try (ResultSet rs = q.executeQuery();
                    Writer out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
                            Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)), StandardCharsets.UTF_8))) {
                ChainHash hash = new ChainHash();
                long expected = after + 1;
                String previous = ChainLinks.anchor(c).hash();
                while (rs.next()) {
                    AuditRow row = AuditRow.read(rs);
                    if (row.seq() != expected || !previous.equals(row.prevHash())
                            || !hash.of(previous, expected, row).equals(row.hash())) {
                        // archiving past a broken link would bury the evidence under an anchor
                        throw new IllegalStateException("The audit chain is broken at record " + expected
                                + "; nothing is archived until it is looked into (audit:verify)");
                    }
                    previous = row.hash();
                    expected++;
                    out.write(mapper.writeValueAsString(columns(row)));
                    out.write('\n');
                    lastHash = row.hash();
                }
            }
        }
        return lastHash;
    }

    /** The row as stored, column names as in the table; the time as ISO-8601 with milliseconds. */
    static Map<String, Object> columns(AuditRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", r.seq());
        m.put("id", r.id());
        m.put("occurred_at", r.occurredAt().toString());
        m.put("action", r.action());
        m.put("outcome", r.outcome());
        m.put("actor_type", r.actorType());
        m.put("actor_id", r.actorId());
        m.put("actor_name", r.actorName());
        m.put("actor_user_id", r.actorUserId());
        m.put("channel", r.channel());
        m.put("target_type", r.targetType());
        m.put("target_id", r.targetId());
        m.put("target_name", r.targetName());
        m.put("client_address", r.clientAddress());
        m.put("user_agent", r.userAgent());
        m.put("request_id", r.requestId());
        m.put("before_json", r.beforeJson());
        m.put("after_json", r.afterJson());
        m.put("details_json", r.detailsJson());
        m.put("prev_hash", r.prevHash());
        m.put("hash", r.hash());
        return m;
    }

    private static long delete(Connection c, long after, long through) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM audit_log WHERE seq > ? AND seq <= ?")) {
            d.setLong(1, after);
            d.setLong(2, through);
            return d.executeUpdate();
        }
    }

    private static void anchor(Connection c, long seq, String hash, long archived, Path file) throws SQLException {
        try (PreparedStatement i = c.prepareStatement("INSERT INTO audit_anchor (seq, hash, archived, archive_file,"
                + " created_at) VALUES (?, ?, ?, ?, ?)")) {
            i.setLong(1, seq);
            i.setString(2, hash);
            i.setLong(3, archived);
            i.setString(4, file.toString());
            i.setTimestamp(5, Timestamp.from(Instant.now()), AuditRow.utc());
            i.executeUpdate();
        }
    }
}
