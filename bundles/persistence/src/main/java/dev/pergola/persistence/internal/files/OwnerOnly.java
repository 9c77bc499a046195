package dev.pergola.persistence.internal.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Takes group and other permissions away (folders end 0700, files 0600 — or 0700 when the owner may run
 * them), whatever the umask was when they were created. On file systems without POSIX permissions it does
 * nothing. Symbolic links are neither followed nor changed.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {
    }

    public static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Restricts one file or folder. @return whether its permissions changed */
    public static boolean restrict(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null || Files.isSymbolicLink(path)) {
            return false;
        }
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
        owner.addAll(perms);
        owner.removeAll(NOT_OWNER);
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            owner.addAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
        }
        if (owner.equals(perms)) {
            return false;
        }
        view.setPermissions(owner);
        return true;
    }

    /** What {@link #restrictTree} did. */
    public record Outcome(int changed, int failed, IOException firstFailure) {
    }

    /** Restricts {@code root} and everything below it; a file it may not change is counted, not fatal. */
    public static Outcome restrictTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS) || !isPosix(root)) {
            return new Outcome(0, 0, null);
        }
        int[] changed = {0};
        int[] failed = {0};
        IOException[] first = {null};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                apply(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() || attrs.isDirectory()) {
                    apply(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                fail(e); // e.g. a file deleted meanwhile (Karaf's temp files come and go)
                return FileVisitResult.CONTINUE;
            }

            private void apply(Path path) {
                try {
                    if (restrict(path)) {
                        changed[0]++;
                    }
                } catch (IOException e) {
                    fail(e);
                }
            }

            private void fail(IOException e) {
                failed[0]++;
                if (first[0] == null) {
                    first[0] = e;
                }
            }
        });
        return new Outcome(changed[0], failed[0], first[0]);
    }
}
