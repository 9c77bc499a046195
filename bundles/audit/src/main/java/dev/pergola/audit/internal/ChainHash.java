package dev.pergola.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of a chain link: SHA-256 over the previous link's hash and the record's canonical content. The content is
 * every stored column but the chain's own ({@code prev_hash}, {@code hash}), each written as its UTF-8 byte length,
 * a colon and the bytes, a null as a lone {@code -}: no two different rows share a serialisation, whatever their
 * values contain. The timestamp is its epoch milliseconds, as read back from the database.
 */
public final class ChainHash {
    /** The {@code prev_hash} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private final MessageDigest sha256;

    public ChainHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The hash of {@code row} at position {@code seq} after {@code previous}. Not thread-safe (one per thread). */
    public String of(String previous, long seq, AuditRow row) {
        sha256.reset();
        field(previous);
        field(Long.toString(seq));
        field(row.id());
        field(row.occurredAt() == null ? null : Long.toString(row.occurredAt().toEpochMilli()));
        field(row.action());
        field(row.outcome());
        field(row.actorType());
        field(row.actorId());
        field(row.actorName());
        field(row.actorUserId());
        field(row.channel());
        field(row.targetType());
        field(row.targetId());
        field(row.targetName());
        field(row.clientAddress());
        field(row.userAgent());
        field(row.requestId());
        field(row.beforeJson());
        field(row.afterJson());
        field(row.detailsJson());
        return HexFormat.of().formatHex(sha256.digest());
    }

    private void field(String value) {
        if (value == null) {
            sha256.update((byte) '-');
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) ':');
        sha256.update(bytes);
    }
}
