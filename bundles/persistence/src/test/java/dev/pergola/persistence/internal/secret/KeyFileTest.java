package dev.pergola.persistence.internal.secret;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class KeyFileTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void createdOnceOwnerOnlyAndReadBackTheSame() throws Exception {
        Path file = temp.getRoot().toPath().resolve("data/security/data-protection.key");
        byte[] first = KeyFile.loadOrCreate(file);
        assertEquals(32, first.length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertArrayEquals(first, KeyFile.loadOrCreate(file));
        try (var listing = Files.list(file.getParent())) {
            assertEquals("no temporary file left", 1, listing.count());
        }
    }

    @Test
    public void aKeyFileLeftReadableIsTightened() throws Exception {
        Path file = temp.getRoot().toPath().resolve("security/data-protection.key");
        KeyFile.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        KeyFile.loadOrCreate(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    public void aDamagedKeyFileIsAnErrorNotANewKey() throws Exception {
        Path file = temp.newFile("short.key").toPath();
        Files.write(file, new byte[7]);
        IOException e = assertThrows(IOException.class, () -> KeyFile.loadOrCreate(file));
        assertTrue(e.getMessage(), e.getMessage().contains("damaged"));
        assertEquals(7, Files.size(file));
    }

    @Test
    public void theEnvironmentWinsOverConfigurationWhichWinsOverTheDefault() {
        Path data = Paths.get("/srv/pergola/data");
        assertEquals(data.resolve("security/data-protection.key"), FileKeySecretBox.keyFile("", Map.of(), data));
        assertEquals(Paths.get("/etc/k"), FileKeySecretBox.keyFile("/etc/k", Map.of(), data));
        assertEquals(Paths.get("/run/k"), FileKeySecretBox.keyFile("/etc/k", Map.of(FileKeySecretBox.ENV, "/run/k"), data));
    }
}
