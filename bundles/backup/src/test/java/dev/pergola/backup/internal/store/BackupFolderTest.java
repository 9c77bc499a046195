package dev.pergola.backup.internal.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.pergola.api.errors.PergolaException;

public class BackupFolderTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void partialBackupsAreInvisibleUntilPublished() throws Exception {
        BackupFolder folder = new BackupFolder(tmp.getRoot().toPath().resolve("backups"));
        folder.ensure();
        String name = "pergola-backup-20261130-031500.zip";
        Files.writeString(folder.partial(name), "zip");
        assertTrue(folder.names().isEmpty());
        folder.publish(name);
        assertEquals(java.util.List.of(name), folder.names());
        assertFalse(Files.exists(folder.partial(name)));
        assertTrue(folder.delete(name));
        assertFalse(folder.delete(name));
    }

    @Test
    public void unknownAndTraversalNamesNeverReachTheDisk() throws Exception {
        Path root = tmp.getRoot().toPath().resolve("backups");
        BackupFolder folder = new BackupFolder(root);
        Files.writeString(tmp.getRoot().toPath().resolve("secret.zip"), "x");
        try {
            folder.existing("pergola-backup-20261130-031500.zip");
            fail();
        } catch (PergolaException e) {
            assertEquals(PergolaException.NOT_FOUND, e.code());
        }
        try {
            folder.existing("../secret.zip");
            fail();
        } catch (PergolaException e) {
            assertEquals(PergolaException.VALIDATION, e.code());
        }
        assertFalse(Files.exists(root));
    }
}
