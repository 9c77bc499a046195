package dev.pergola.backup.internal.format;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The header of an encrypted backup and the keys derived from it. Layout (big-endian):
 * magic "PGLBKENC" (8), version (1), Argon2id memory KiB (4), iterations (4), parallelism (1), salt (16),
 * nonce prefix (4), key check (16). The whole header is part of every chunk's associated data.
 */
final class StreamEncryption {
    static final byte[] MAGIC = "PGLBKENC".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int CHUNK = 64 * 1024;
    static final int TAG = 16;
    static final int HEADER_LENGTH = 8 + 1 + 4 + 4 + 1 + 16 + 4 + 16;
    /** OWASP's Argon2id recommendation: 19 MiB, 2 passes, 1 lane. */
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;

    final byte[] header;
    private final SecretKeySpec key;
    private final byte[] noncePrefix;

    private StreamEncryption(byte[] header, SecretKeySpec key, byte[] noncePrefix) {
        this.header = header;
        this.key = key;
        this.noncePrefix = noncePrefix;
    }

    /** New random salt and nonce prefix, key from the passphrase. */
    static StreamEncryption create(char[] passphrase) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] prefix = new byte[4];
        random.nextBytes(salt);
        random.nextBytes(prefix);
        byte[][] keys = derive(passphrase, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER_LENGTH);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeByte(VERSION);
        out.writeInt(MEMORY_KIB);
        out.writeInt(ITERATIONS);
        out.writeByte(PARALLELISM);
        out.write(salt);
        out.write(prefix);
        out.write(keys[1]);
        return new StreamEncryption(bytes.toByteArray(), new SecretKeySpec(keys[0], "AES"), prefix);
    }

    /** Reads the header after the magic (already consumed) and checks the passphrase against it. */
    static StreamEncryption open(InputStream in, char[] passphrase) throws IOException, BackupRefusedException {
        byte[] rest = new byte[HEADER_LENGTH - MAGIC.length];
        try {
            new DataInputStream(in).readFully(rest);
        } catch (EOFException e) {
            throw new BackupRefusedException(BackupRefusedException.TRUNCATED, "The encryption header is cut short");
        }
        ByteBuffer b = ByteBuffer.wrap(rest);
        int version = b.get() & 0xff;
        int memory = b.getInt();
        int iterations = b.getInt();
        int parallelism = b.get() & 0xff;
        if (version != VERSION) {
            throw new BackupRefusedException(BackupRefusedException.UNSUPPORTED_FORMAT,
                    "Unknown encryption version " + version);
        }
        // bounds keep a crafted header from making us allocate gigabytes or spin for minutes
        if (memory < 8 || memory > 1024 * 1024 || iterations < 1 || iterations > 16 || parallelism < 1
                || parallelism > 16) {
            throw new BackupRefusedException(BackupRefusedException.UNSUPPORTED_FORMAT,
                    "Argon2id parameters out of the accepted range: memory " + memory + " KiB, iterations "
                            + iterations + ", parallelism " + parallelism);
        }
        if (passphrase == null || passphrase.length == 0) {
            throw new BackupRefusedException(BackupRefusedException.WRONG_PASSPHRASE,
                    "This backup is encrypted: a passphrase is required");
        }
        byte[] salt = new byte[16];
        byte[] prefix = new byte[4];
        byte[] check = new byte[16];
        b.get(salt).get(prefix).get(check);
        byte[][] keys = derive(passphrase, salt, memory, iterations, parallelism);
        if (!MessageDigest.isEqual(keys[1], check)) {
            throw new BackupRefusedException(BackupRefusedException.WRONG_PASSPHRASE,
                    "Wrong passphrase for this backup");
        }
        byte[] header = new byte[HEADER_LENGTH];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
        System.arraycopy(rest, 0, header, MAGIC.length, rest.length);
        return new StreamEncryption(header, new SecretKeySpec(keys[0], "AES"), prefix);
    }

    /** A cipher for chunk {@code index}; the associated data binds it to this header and says whether it is last. */
    Cipher cipher(int mode, long index, boolean last) throws IOException {
        try {
            byte[] nonce = ByteBuffer.allocate(12).put(noncePrefix).putLong(index).array();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(header);
            cipher.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** Argon2id master key, then two independent keys from it: [0] AES-256, [1] 16-byte passphrase check. */
    private static byte[][] derive(char[] passphrase, byte[] salt, int memory, int iterations, int parallelism)
            throws IOException {
        Argon2BytesGenerator argon = new Argon2BytesGenerator();
        argon.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memory).withIterations(iterations).withParallelism(parallelism)
                .build());
        byte[] master = new byte[32];
        argon.generateBytes(passphrase, master);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            byte[] aes = mac.doFinal("pergola-backup aes-256-gcm".getBytes(StandardCharsets.US_ASCII));
            byte[] check = Arrays.copyOf(mac.doFinal("pergola-backup key check".getBytes(StandardCharsets.US_ASCII)), 16);
            return new byte[][] {aes, check};
        } catch (GeneralSecurityException e) {
            throw new IOException("HmacSHA256 is not available: " + e.getMessage(), e);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }
}
