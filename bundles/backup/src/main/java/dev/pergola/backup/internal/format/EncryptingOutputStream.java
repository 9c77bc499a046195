package dev.pergola.backup.internal.format;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;

/**
 * Encrypts a stream in 64 KiB AES-GCM chunks after the header. A full buffer is sealed as a non-final chunk only
 * when more data follows, so the chunk written by {@link #close()} is always the one flagged last (possibly empty).
 */
final class EncryptingOutputStream extends FilterOutputStream {
    private final StreamEncryption encryption;
    private final byte[] buffer = new byte[StreamEncryption.CHUNK];
    private int filled;
    private long index;
    private boolean closed;

    EncryptingOutputStream(OutputStream out, StreamEncryption encryption) throws IOException {
        super(out);
        this.encryption = encryption;
        out.write(encryption.header);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (filled == buffer.length) {
                seal(false);
            }
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    private void seal(boolean last) throws IOException {
        try {
            out.write(encryption.cipher(Cipher.ENCRYPT_MODE, index++, last).doFinal(buffer, 0, filled));
        } catch (GeneralSecurityException e) {
            throw new IOException("Encryption failed: " + e.getMessage(), e);
        }
        filled = 0;
    }

    @Override
    public void flush() throws IOException {
        out.flush(); // buffered plaintext stays until its chunk is full: a chunk is never short except the last
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            seal(true);
            out.flush();
        } finally {
            out.close();
        }
    }
}
