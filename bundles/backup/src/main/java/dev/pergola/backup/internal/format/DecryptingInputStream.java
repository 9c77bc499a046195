package dev.pergola.backup.internal.format;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;

/**
 * Reverses {@link EncryptingOutputStream}. A chunk is taken as the last when nothing follows it; if it was not
 * sealed as the last one (the file was cut at a chunk boundary) its tag fails and the stream reports TRUNCATED.
 * Failures surface as {@link RefusedIOException} so they cross the ZIP reader intact.
 */
final class DecryptingInputStream extends InputStream {
    private static final int SEALED = StreamEncryption.CHUNK + StreamEncryption.TAG;
    private final InputStream in;
    private final StreamEncryption encryption;
    private final byte[] sealed = new byte[SEALED + 1];
    private int pending; // bytes read ahead into sealed[]
    private byte[] plain = new byte[0];
    private int position;
    private long index;
    private boolean finished;

    DecryptingInputStream(InputStream in, StreamEncryption encryption) {
        this.in = in;
        this.encryption = encryption;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (position == plain.length) {
            if (finished) {
                return -1;
            }
            nextChunk();
        }
        int n = Math.min(len, plain.length - position);
        System.arraycopy(plain, position, b, off, n);
        position += n;
        return n;
    }

    private void nextChunk() throws IOException {
        // fill sealed[] to one chunk plus one byte: that byte tells whether another chunk follows
        while (pending < sealed.length) {
            int n = in.read(sealed, pending, sealed.length - pending);
            if (n < 0) {
                break;
            }
            pending += n;
        }
        boolean last = pending <= SEALED;
        int length = Math.min(pending, SEALED);
        if (length < StreamEncryption.TAG) {
            throw new RefusedIOException(BackupRefusedException.TRUNCATED, "The encrypted stream ends inside a chunk");
        }
        try {
            plain = encryption.cipher(Cipher.DECRYPT_MODE, index++, last).doFinal(sealed, 0, length);
        } catch (AEADBadTagException e) {
            if (last && length == SEALED) {
                throw new RefusedIOException(BackupRefusedException.TRUNCATED,
                        "The encrypted stream ends early (chunk " + (index - 1) + " is not the last one)");
            }
            throw new RefusedIOException(last ? BackupRefusedException.TRUNCATED : BackupRefusedException.CORRUPT,
                    "Encrypted chunk " + (index - 1) + " fails authentication: the file is damaged or cut short");
        } catch (GeneralSecurityException e) {
            throw new IOException("Decryption failed: " + e.getMessage(), e);
        }
        position = 0;
        if (last) {
            finished = true;
            pending = 0;
        } else {
            sealed[0] = sealed[SEALED];
            pending = 1;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
