package dev.pergola.identity.internal.token;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * ECDSA signatures are malleable: if (r, s) verifies, so does (r, n − s). Pergola accepts only the "low-s"
 * form (s ≤ n/2), so every token has exactly one valid signature, and signs only in that form. Works on
 * the JWS (R || S) encoding of ES256: 64 bytes, each half big-endian.
 */
final class LowS {
    /** Order of the P-256 group. */
    static final BigInteger N = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final BigInteger HALF_N = N.shiftRight(1);
    static final int SIGNATURE_BYTES = 64;
    private static final int HALF = SIGNATURE_BYTES / 2;

    private LowS() {
    }

    /** Whether this is a well-formed ES256 signature in low-s form (0 < r, s; s ≤ n/2; r < n). */
    static boolean isCanonical(byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, HALF));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, HALF, SIGNATURE_BYTES));
        return r.signum() > 0 && r.compareTo(N) < 0 && s.signum() > 0 && s.compareTo(HALF_N) <= 0;
    }

    /** The low-s twin of a signature (the signature itself when it already is). */
    static byte[] normalize(byte[] signature) {
        if (signature.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("An ES256 signature is 64 bytes, not " + signature.length);
        }
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, HALF, SIGNATURE_BYTES));
        if (s.compareTo(HALF_N) <= 0) {
            return signature;
        }
        byte[] result = Arrays.copyOf(signature, SIGNATURE_BYTES);
        byte[] low = N.subtract(s).toByteArray(); // big-endian, possibly shorter than 32 bytes
        Arrays.fill(result, HALF, SIGNATURE_BYTES, (byte) 0);
        System.arraycopy(low, Math.max(0, low.length - HALF), result, SIGNATURE_BYTES - Math.min(HALF, low.length),
                Math.min(HALF, low.length));
        return result;
    }
}
