package dev.pergola.plugins.internal.artifact;

import dev.pergola.api.errors.PergolaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;


/**
 * Plugin artifacts kept by the platform, named by their SHA-256, under {@code data/plugins/artifacts}
 * (outside {@code data/cache}, so a wiped framework cache can be rebuilt from here).
 */
public final class ArtifactStore {
    private final Path root;
    private final Path incoming;

    /** An artifact in the store. */
    public record Stored(String checksum, long size, Path path) {
    }

    public ArtifactStore(Path pluginsDir) {
        this.root = pluginsDir.resolve("artifacts");
        this.incoming = pluginsDir.resolve("incoming");
        try {
            Files.createDirectories(root);
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the plugin store under " + pluginsDir, e);
        }
    }

    /**
     * Deletes what uploads and downloads left behind (a JVM that ended mid-upload leaves its temporary file); called
     * before any upload can start.
     * @return how many files were deleted
     */
    public int cleanIncoming() {
        int deleted = 0;
        try (var files = Files.list(incoming)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f) && Files.deleteIfExists(f)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + incoming, e);
        }
        return deleted;
    }

    /** A fresh temporary file for an upload or download in progress (same file system as the store). */
    public Path newIncomingFile() {
        try {
            return Files.createTempFile(incoming, "upload-", ".jar");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary file in " + incoming, e);
        }
    }

    /** Copies a file into the store (a no-op when the same content is there already). */
    public Stored put(Path source) {
        Path temp = newIncomingFile();
        try {
            MessageDigest digest = sha256();
            long size;
            try (InputStream in = Files.newInputStream(source);
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                size = in.transferTo(out);
            }
            String checksum = HexFormat.of().formatHex(digest.digest());
            Path target = path(checksum);
            if (!Files.exists(target) || !checksum.equals(hash(target))) {
                // absent, or there but changed on disk: the fresh copy takes its place
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Stored(checksum, size, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the plugin artifact: " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    public Path path(String checksum) {
        if (!checksum.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256: " + checksum);
        }
        return root.resolve(checksum + ".jar");
    }

    /**
     * The stored artifact, after checking that its content still hashes to its name: the framework installs
     * what is in the store again whenever it lost a plugin (a wiped cache, a rollback), and a file changed on disk
     * must not be installed in its place.
     * @throws PergolaException {@code PLUGIN_FAILED} when the content does not match
     */
    public Path verified(String checksum) {
        Path file = path(checksum);
        String actual;
        try {
            actual = hash(file);
        } catch (IOException e) {
            throw new PergolaException("PLUGIN_FAILED", "The stored artifact " + checksum + " cannot be read ("
                    + e.getClass().getSimpleName() + "); install the plugin again.");
        }
        if (!checksum.equals(actual)) {
            throw new PergolaException("PLUGIN_FAILED", "The stored artifact " + checksum + " does not match its"
                    + " SHA-256 (the file in data/plugins/artifacts was changed); it is not installed. Install the"
                    + " plugin again from a trusted copy.");
        }
        return file;
    }

    static String hash(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public boolean has(String checksum) {
        return checksum != null && Files.isRegularFile(path(checksum));
    }

    public void delete(String checksum) {
        if (checksum != null) {
            deleteQuietly(path(checksum));
        }
    }

    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file is harmless; the next start of the store does not depend on it
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
