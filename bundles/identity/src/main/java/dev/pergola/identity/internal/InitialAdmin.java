package dev.pergola.identity.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The first admin's password and its entry in the Karaf realm ({@code etc/users.properties}). The password
 * is {@code PERGOLA_ADMIN_PASSWORD}, else the one an earlier boot wrote to {@code data/initial-admin-password},
 * else a new random one written there (mode 600). The realm stores Karaf's {CRYPT} SHA-512 digest, never
 * the clear password.
 */
final class InitialAdmin {
    static final String USER = "admin";
    static final String GROUP_LINE = "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Path usersFile;
    private final Path passwordFile;
    private final Map<String, String> env;
    private final SecureRandom random;
    private String password;
    private String source;
    private boolean generated;

    InitialAdmin(Path usersFile, Path passwordFile, Map<String, String> env, SecureRandom random) {
        this.usersFile = usersFile;
        this.passwordFile = passwordFile;
        this.env = env;
        this.random = random;
    }

    boolean inKarafRealm() throws IOException {
        return Files.exists(usersFile) && Files.readAllLines(usersFile, StandardCharsets.ISO_8859_1).stream()
                .anyMatch(InitialAdmin::definesAdmin);
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

    void addToKarafRealm(String password) throws IOException {
        List<String> lines = Files.exists(usersFile)
                ? Files.readAllLines(usersFile, StandardCharsets.ISO_8859_1) : new ArrayList<>();
        List<String> updated = new ArrayList<>(lines);
        updated.add("");
        updated.add("# Created by Pergola on first boot");
        updated.add(USER + " = {CRYPT}" + sha512(password) + "{CRYPT},_g_:admingroup");
        if (lines.stream().noneMatch(l -> l.trim().startsWith("_g_\\:admingroup"))) {
            updated.add(GROUP_LINE);
        }
        Path tmp = usersFile.resolveSibling(usersFile.getFileName() + ".tmp");
        Files.write(tmp, updated, StandardCharsets.ISO_8859_1);
        Files.move(tmp, usersFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean definesAdmin(String line) {
        String t = line.trim();
        return !t.startsWith("#") && t.matches(USER + "\\s*[=:].*");
    }

    static String generate(SecureRandom random) {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    static String sha512(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is part of every Java runtime", e);
        }
    }

    private static void writePrivately(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }
}
