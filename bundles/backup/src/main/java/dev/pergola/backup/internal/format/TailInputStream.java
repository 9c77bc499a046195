package dev.pergola.backup.internal.format;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Counts the bytes that pass and keeps the last {@link #KEEP} of them: the ZIP reader never looks at the central
 * directory, so {@link ZipTrailer} checks it from here once the entries are read.
 */
final class TailInputStream extends FilterInputStream {
    static final int KEEP = 4 << 20;
    private final byte[] ring = new byte[KEEP];
    private long total;
    /** SHA-256 of the bytes before the last {@link FileSeal#TAIL} (the ZIP's end record and its comment). */
    private final MessageDigest sealed = Hex.sha256();
    private long digested;

    TailInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            ring[(int) (total++ % KEEP)] = (byte) b;
            digestUpToTail();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        for (int i = 0; i < n; ) {
            int at = (int) (total % KEEP);
            int chunk = Math.min(Math.min(n - i, KEEP - at), 1 << 16);
            System.arraycopy(b, off + i, ring, at, chunk);
            total += chunk;
            i += chunk;
            digestUpToTail(); // still in the ring: it keeps far more than a chunk and the tail
        }
        return n;
    }

    private void digestUpToTail() {
        long upTo = total - FileSeal.TAIL;
        while (digested < upTo) {
            int at = (int) (digested % KEEP);
            int n = (int) Math.min(upTo - digested, KEEP - at);
            sealed.update(ring, at, n);
            digested += n;
        }
    }

    /** Hex SHA-256 of every byte read except the last {@link FileSeal#TAIL}; call once, after {@link #drain}. */
    String sealHex() {
        return Hex.of(sealed);
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /** Reads to the end of the stream. */
    void drain() throws IOException {
        byte[] sink = new byte[8192];
        while (read(sink, 0, sink.length) >= 0) {
            // counted and kept by read
        }
    }

    long total() {
        return total;
    }

    /** The last {@code n} bytes (n at most the bytes kept). */
    byte[] last(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = ring[(int) ((total - n + i) % KEEP)];
        }
        return out;
    }

    int kept() {
        return (int) Math.min(total, KEEP);
    }
}
