package dev.pergola.plugins.internal.artifact;

import dev.pergola.api.errors.PergolaException;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;


public class ArtifactStoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aStoredArtifactChangedOnDiskIsNotHandedOutAgain() throws IOException {
        ArtifactStore store = new ArtifactStore(tmp.getRoot().toPath());
        Path upload = tmp.newFile("plugin.jar").toPath();
        Files.write(upload, new byte[] {1, 2, 3});
        ArtifactStore.Stored stored = store.put(upload);
        assertEquals(stored.path(), store.verified(stored.checksum()));

        Files.write(stored.path(), new byte[] {6, 6, 6});
        try {
            store.verified(stored.checksum());
            fail("a tampered artifact was handed out");
        } catch (PergolaException e) {
            assertEquals("PLUGIN_FAILED", e.code());
            assertTrue(e.getMessage(), e.getMessage().contains("does not match its SHA-256"));
        }

        // storing the genuine content again repairs the store instead of keeping the tampered file
        assertEquals(stored.checksum(), store.put(upload).checksum());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(store.verified(stored.checksum())));
    }
}
