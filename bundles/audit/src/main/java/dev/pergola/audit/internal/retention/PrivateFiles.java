package dev.pergola.audit.internal.retention;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold audit records (archives, exports) are readable by their owner only: created {@code 0600} in
 * folders made {@code 0700}, whatever the umask. Where the file system has no POSIX permissions nothing is changed.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates {@code folder} (and its parents) if missing; the folder itself is made owner-only. */
    public static Path folder(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (posix(folder)) {
            Files.setPosixFilePermissions(folder, FOLDER);
        }
        return folder;
    }

    /** Creates {@code file} empty and owner-only, or makes an existing one owner-only. */
    public static Path create(Path file) throws IOException {
        if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            Files.createDirectories(file.getParent());
        }
        try {
            if (posix(file.getParent() == null ? file.toAbsolutePath().getParent() : file.getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException exists) {
            // replaced by the caller; still restrict it below
        }
        if (posix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
        return file;
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
