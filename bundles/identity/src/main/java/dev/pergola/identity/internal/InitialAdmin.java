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
 * The first-boot {@code admin} account of the Karaf realm ({@code etc/users.properties}), so the shell, SSH
 * and the web console have exactly one account and no {@code karaf/karaf}. Its password comes from
 * {@code PERGOLA_ADMIN_PASSWORD}, else it is generated and written to {@code data/initial-admin-password}
 * (mode 600). Stored as Karaf's {CRYPT} SHA-512 digest (etc/org.apache.karaf.jaas.cfg), never in clear.
 */
final class InitialAdmin {
    static final String USER = "admin";
    static final String GROUP_LINE = "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /** What happened, for the log. */
    enum Outcome { ALREADY_PRESENT, FROM_ENVIRONMENT, GENERATED }

    private InitialAdmin() {
    }

    static Outcome ensure(Path usersFile, Path passwordFile, Map<String, String> env, SecureRandom random)
            throws IOException {
        List<String> lines = Files.exists(usersFile)
                ? Files.readAllLines(usersFile, StandardCharsets.ISO_8859_1) : new ArrayList<>();
        if (lines.stream().anyMatch(InitialAdmin::definesAdmin)) {
            return Outcome.ALREADY_PRESENT;
        }
        String fromEnv = env.get("PERGOLA_ADMIN_PASSWORD");
        boolean generated = fromEnv == null || fromEnv.isBlank();
        String password = generated ? generate(random) : fromEnv;
        if (generated) {
            writePrivately(passwordFile, password + "\n");
        }
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
        return generated ? Outcome.GENERATED : Outcome.FROM_ENVIRONMENT;
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
