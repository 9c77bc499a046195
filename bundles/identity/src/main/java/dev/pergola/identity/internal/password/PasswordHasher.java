package dev.pergola.identity.internal.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (Bouncy Castle) in the PHC string format, e.g. {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}.
 * The defaults are OWASP's minimum (19 MiB, 2 passes, 1 lane); stored hashes keep their own parameters,
 * so raising the cost later still verifies old hashes and {@link #needsRehash} says when to upgrade them.
 */
public final class PasswordHasher {
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(int memoryKib, int iterations, int parallelism) {
        if (memoryKib < 19 * 1024 || iterations < 2 || parallelism < 1) {
            throw new IllegalArgumentException("Argon2id below the OWASP minimum (m=19 MiB, t=2, p=1)");
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    public static PasswordHasher owaspMinimum() {
        return new PasswordHasher(19 * 1024, 2, 1);
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, 32);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    /** Constant-time check; a malformed stored hash never matches. */
    public boolean verify(String password, String stored) {
        Parsed p = Parsed.of(stored);
        if (p == null) {
            return false;
        }
        byte[] candidate = derive(password, p.salt, p.memory, p.iterations, p.parallelism, p.hash.length);
        return MessageDigest.isEqual(candidate, p.hash);
    }

    public boolean needsRehash(String stored) {
        Parsed p = Parsed.of(stored);
        return p == null || p.memory < memoryKib || p.iterations < iterations || p.parallelism < parallelism;
    }

    private static byte[] derive(String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private record Parsed(int memory, int iterations, int parallelism, byte[] salt, byte[] hash) {
        static Parsed of(String stored) {
            if (stored == null) {
                return null;
            }
            String[] parts = stored.split("\\$");
            // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
            if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return null;
            }
            try {
                int m = 0;
                int t = 0;
                int p = 0;
                for (String kv : parts[3].split(",")) {
                    String[] pair = kv.split("=");
                    int value = Integer.parseInt(pair[1]);
                    switch (pair[0]) {
                        case "m" -> m = value;
                        case "t" -> t = value;
                        case "p" -> p = value;
                        default -> {
                            return null;
                        }
                    }
                }
                return new Parsed(m, t, p, B64D.decode(parts[4]), B64D.decode(parts[5]));
            } catch (RuntimeException malformed) {
                return null;
            }
        }
    }
}
