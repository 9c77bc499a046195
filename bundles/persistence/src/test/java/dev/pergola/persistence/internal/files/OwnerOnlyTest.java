package dev.pergola.persistence.internal.files;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class OwnerOnlyTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void anInstallationCreatedUnderUmask022IsClosedToOthers() throws Exception {
        Path data = temp.newFolder("data").toPath();
        Path db = Files.createDirectories(data.resolve("db"));
        Path mv = Files.write(db.resolve("pergola.mv.db"), new byte[] {1});
        Path script = Files.write(data.resolve("run.sh"), new byte[] {1});
        set(data, "rwxr-xr-x");
        set(db, "rwxr-xr-x");
        set(mv, "rw-r--r--");
        set(script, "rwxr-xr-x");
        Path outside = Files.write(temp.getRoot().toPath().resolve("outside"), new byte[] {1});
        set(outside, "rw-r--r--");
        Files.createSymbolicLink(data.resolve("link"), outside);

        OwnerOnly.Outcome outcome = OwnerOnly.restrictTree(data);

        assertEquals(4, outcome.changed());
        assertEquals(0, outcome.failed());
        assertEquals("rwx------", get(data));
        assertEquals("rwx------", get(db));
        assertEquals("rw-------", get(mv));
        assertEquals("the owner keeps what it had", "rwx------", get(script));
        assertEquals("links are not followed", "rw-r--r--", get(outside));
        assertEquals("a second run has nothing to do", 0, OwnerOnly.restrictTree(data).changed());
    }

    @Test
    public void aMissingFolderIsNothingToDo() throws Exception {
        assertEquals(0, OwnerOnly.restrictTree(temp.getRoot().toPath().resolve("absent")).changed());
    }

    private static void set(Path path, String perms) throws Exception {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
    }

    private static String get(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
