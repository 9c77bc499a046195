package dev.pergola.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.security.SecretBox;
import dev.pergola.api.security.SecretBoxException;

/** Stand-ins for the platform services the webhooks bundle uses. */
public final class Fakes {
    private Fakes() {
    }

    /** Not encryption, but never the clear text either, and bound to its associated data like the real box. */
    public static final class Box implements SecretBox {
        @Override
        public byte[] seal(byte[] plaintext, byte[] associatedData) {
            byte[] out = new byte[associatedData.length + 1 + plaintext.length];
            System.arraycopy(associatedData, 0, out, 0, associatedData.length);
            for (int i = 0; i < plaintext.length; i++) {
                out[associatedData.length + 1 + i] = (byte) (plaintext[i] ^ 0x5a);
            }
            return out;
        }

        @Override
        public byte[] open(byte[] sealed, byte[] associatedData) {
            if (sealed.length <= associatedData.length
                    || !Arrays.equals(Arrays.copyOf(sealed, associatedData.length), associatedData)) {
                throw new SecretBoxException("sealed for " + new String(associatedData, StandardCharsets.UTF_8) + "?");
            }
            byte[] out = new byte[sealed.length - associatedData.length - 1];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (sealed[associatedData.length + 1 + i] ^ 0x5a);
            }
            return out;
        }
    }

    /** An audit record and whether it was written inside a transaction (auto-commit off). */
    public record Recorded(AuditEntry entry, boolean inTransaction) {
    }

    public static final class Audit implements AuditTrail {
        public final List<Recorded> records = new CopyOnWriteArrayList<>();

        @Override
        public void record(Connection transaction, AuditEntry entry) {
            try {
                records.add(new Recorded(entry, !transaction.getAutoCommit()));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void record(AuditEntry entry) {
            records.add(new Recorded(entry, false));
        }

        @Override
        public Binding bind(AuditOrigin origin) {
            return new Binding() {
                @Override
                public int recorded() {
                    return 0;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public AuditOrigin origin() {
            return AuditOrigin.SYSTEM;
        }
    }
}
