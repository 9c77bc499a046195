package dev.pergola.itests;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import com.nimbusds.jose.jwk.ECKey;

import dev.pergola.api.security.SecretBox;

/**
 * Test-only access to what the platform keeps sealed in the database, through its own {@link SecretBox}
 * service: code inside the JVM may do this (a plugin runs with the platform's privileges), a copy of the
 * database file alone may not. The associated data strings mirror SigningKeys and SealedBodies.
 */
final class SealedData {
    /** Order of the P-256 group (ES256). */
    static final BigInteger N = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private SealedData() {
    }

    /** The private signing key tokens are currently signed with. */
    static ECKey currentSigningKey(DataSource db, SecretBox box) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT kid, jwk FROM pergola_signing_keys WHERE retired_at IS NULL"); ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new AssertionError("no current signing key");
            }
            return ECKey.parse(box.openText(rs.getString(2), "pergola.signing-key:" + rs.getString(1)));
        }
    }

    /** A queued mail: its id, category, status and opened text body. */
    record Mail(String id, String category, String status, String storedText, String text) {
    }

    /** Queued mails to this address, oldest first, bodies opened. */
    static List<Mail> outbox(DataSource db, SecretBox box, String recipient) throws Exception {
        List<Mail> mails = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, category, status, text_body FROM pergola_mail_outbox WHERE LOWER(recipient) = ?"
                        + " ORDER BY created_at")) {
            s.setString(1, recipient.toLowerCase());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    String stored = r.getString(4);
                    mails.add(new Mail(id, r.getString(2), r.getString(3), stored,
                            box.openText(stored, "pergola.mail.outbox:" + id + ":text")));
                }
            }
        }
        return mails;
    }

    /** Waits (up to 15 s) until at least {@code count} mails to this address are queued: they are queued in the background. */
    static List<Mail> awaitOutbox(DataSource db, SecretBox box, String recipient, int count) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        List<Mail> mails = outbox(db, box, recipient);
        while (mails.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            mails = outbox(db, box, recipient);
        }
        if (mails.size() < count) {
            throw new AssertionError("expected " + count + " mails to " + recipient + ", found " + mails.size());
        }
        return mails;
    }

    /** The other valid ES256 signature of the same message: (r, n − s), as R || S. */
    static byte[] twin(byte[] signature) {
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        return withS(signature, N.subtract(s));
    }

    /** The low-s form of an ES256 signature (what the platform signs and requires). */
    static byte[] lowS(byte[] signature) {
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        return s.compareTo(N.shiftRight(1)) > 0 ? withS(signature, N.subtract(s)) : signature;
    }

    static boolean isHighS(byte[] signature) {
        return new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)).compareTo(N.shiftRight(1)) > 0;
    }

    private static byte[] withS(byte[] signature, BigInteger s) {
        byte[] out = Arrays.copyOf(signature, 64);
        Arrays.fill(out, 32, 64, (byte) 0);
        byte[] bytes = s.toByteArray();
        int len = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - len, out, 64 - len, len);
        return out;
    }
}
