package dev.pergola.identity.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The first admin's password: {@code PERGOLA_ADMIN_PASSWORD}, else the one an earlier boot wrote to
 * {@code data/initial-admin-password}, else a new random one written there (mode 600).
 */
final class InitialAdmin {
    static final String USER = "admin";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Path passwordFile;
    private final Map<String, String> env;
    private final SecureRandom random;
    private String password;
    private String source;
    private boolean generated;

    InitialAdmin(Path passwordFile, Map<String, String> env, SecureRandom random) {
        this.passwordFile = passwordFile;
        this.env = env;
        this.random = random;
    }
    /** Decided once: the environment, an earlier generated one, or a new one (then written to the file). */
    synchronized String password() throws IOException {
        if (password != null) {
            return password;
        }
        String fromEnv = env.get("PERGOLA_ADMIN_PASSWORD");
        if (fromEnv != null && !fromEnv.isBlank()) {
            password = fromEnv;
            source = "PERGOLA_ADMIN_PASSWORD";
        } else if (Files.isReadable(passwordFile) && !Files.readString(passwordFile).isBlank()) {
            password = Files.readString(passwordFile).trim();
            source = passwordFile.toString();
        } else {
            password = generate(random);
            writePrivately(passwordFile, password + "\n");
            source = passwordFile.toString();
            generated = true;
        }
        return password;
    }

    boolean generated() {
        return generated;
    }

    String source() {
        return source;
    }

    static String generate(SecureRandom random) {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static void writePrivately(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }
}
