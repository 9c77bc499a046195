package dev.pergola.backup.internal.format;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A SHA-256 of every byte of the ZIP before its end record, carried in the ZIP comment
 * ({@code pergola-sha256:<64 hex>}), so a change anywhere in the file — also in ZIP header fields that no reader
 * looks at — is refused. The writer sets a placeholder comment of the same length; {@link Sealing} holds back the last
 * {@link #TAIL} bytes (the end record with its comment) and fills the digest in when the ZIP is closed.
 */
final class FileSeal {
    static final String PREFIX = "pergola-sha256:";
    static final String PLACEHOLDER = PREFIX + "0".repeat(64);
    static final int COMMENT_LENGTH = PLACEHOLDER.length();
    /** The end-of-central-directory record (22 bytes) and its comment. */
    static final int TAIL = 22 + COMMENT_LENGTH;

    private FileSeal() {
    }

    /** The comment expected for a ZIP whose bytes before the end record hash to {@code digest}. */
    static byte[] comment(String digestHex) {
        return (PREFIX + digestHex).getBytes(StandardCharsets.US_ASCII);
    }

    /** Passes bytes on, hashing all but the last {@link #TAIL}, which it fills in and writes on close. */
    static final class Sealing extends FilterOutputStream {
        private final MessageDigest digest = Hex.sha256();
        private final byte[] held = new byte[TAIL];
        private int heldCount;
        private boolean closed;

        Sealing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int total = heldCount + len;
            int release = Math.max(0, total - TAIL); // bytes that can no longer be part of the tail
            int fromHeld = Math.min(release, heldCount);
            if (fromHeld > 0) {
                digest.update(held, 0, fromHeld);
                out.write(held, 0, fromHeld);
                System.arraycopy(held, fromHeld, held, 0, heldCount - fromHeld);
                heldCount -= fromHeld;
            }
            int fromNew = release - fromHeld;
            if (fromNew > 0) {
                digest.update(b, off, fromNew);
                out.write(b, off, fromNew);
            }
            System.arraycopy(b, off + fromNew, held, heldCount, len - fromNew);
            heldCount += len - fromNew;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                byte[] placeholder = PLACEHOLDER.getBytes(StandardCharsets.US_ASCII);
                if (heldCount != TAIL || !Arrays.equals(held, 22, TAIL, placeholder, 0, placeholder.length)) {
                    throw new IOException("The ZIP did not end with the sealing comment");
                }
                byte[] sealed = comment(Hex.of(digest));
                System.arraycopy(sealed, 0, held, 22, sealed.length);
                out.write(held, 0, TAIL);
                out.flush();
            } finally {
                out.close();
            }
        }
    }
}
