package dev.pergola.identity.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class InitialAdminTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void generatesAPasswordReadableOnlyByTheOwner() throws Exception {
        Path pw = tmp.getRoot().toPath().resolve("data/initial-admin-password");
        InitialAdmin admin = new InitialAdmin(pw, Map.of(), new SecureRandom());

        String password = admin.password();

        assertTrue(admin.generated());
        assertEquals(20, password.length());
        assertEquals(password, Files.readString(pw).trim());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pw)));
        assertEquals("decided once", password, admin.password());
    }

    @Test
    public void takesThePasswordFromTheEnvironmentAndWritesNoFile() throws Exception {
        Path pw = tmp.getRoot().toPath().resolve("initial-admin-password");
        InitialAdmin admin = new InitialAdmin(pw, Map.of("PERGOLA_ADMIN_PASSWORD", "correct horse battery"),
                new SecureRandom());

        assertEquals("correct horse battery", admin.password());
        assertFalse(admin.generated());
        assertFalse(Files.exists(pw));
    }

    @Test
    public void reusesThePasswordAnEarlierBootGenerated() throws Exception {
        Path pw = tmp.newFile("initial-admin-password").toPath();
        Files.writeString(pw, "earlier-password-123\n");
        InitialAdmin admin = new InitialAdmin(pw, Map.of(), new SecureRandom());
        assertEquals("earlier-password-123", admin.password());
        assertFalse(admin.generated());
    }
}
