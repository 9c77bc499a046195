package dev.pergola.persistence.internal.secret;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

import dev.pergola.persistence.internal.files.OwnerOnly;

/**
 * The data-protection key on disk: 32 random bytes, created on first use in a folder only the owner may
 * enter (0700), the file itself 0600. Written under a temporary name and moved into place, so a crash never
 * leaves half a key, and a key that exists is never replaced.
 */
final class KeyFile {
    private KeyFile() {
    }

    /** The key in {@code file}, created when there is none yet. */
    static byte[] loadOrCreate(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isRegularFile(file)) {
            create(file, folder);
        }
        OwnerOnly.restrict(folder);
        OwnerOnly.restrict(file);
        byte[] key = Files.readAllBytes(file);
        if (key.length != AesGcmBox.KEY_BYTES) {
            throw new IOException("The data-protection key file " + file + " holds " + key.length + " bytes, not "
                    + AesGcmBox.KEY_BYTES + ": it is damaged; restore it from a backup");
        }
        return key;
    }

    private static void create(Path file, Path folder) throws IOException {
        boolean posix = OwnerOnly.isPosix(folder.getRoot() == null ? folder : folder.getRoot());
        Files.createDirectories(folder, posix ? new FileAttribute<?>[] {perms("rwx------")} : new FileAttribute<?>[0]);
        byte[] key = new byte[AesGcmBox.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path temp = Files.createTempFile(folder, ".key-", ".tmp",
                posix ? new FileAttribute<?>[] {perms("rw-------")} : new FileAttribute<?>[0]);
        try {
            Files.write(temp, key);
            Files.move(temp, file); // never replaces: fails when the file appeared meanwhile
        } catch (FileAlreadyExistsException e) {
            // another process created it first: keep theirs
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> perms(String spec) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(spec));
    }
}
