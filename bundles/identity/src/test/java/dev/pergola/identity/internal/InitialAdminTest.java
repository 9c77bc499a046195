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
    public void generatesAPasswordReadableOnlyByOwnerAndStoresOnlyItsDigest() throws Exception {
        Path users = tmp.newFile("users.properties").toPath();
        Files.writeString(users, "#karaf = karaf,_g_:admingroup\n");
        Path pw = tmp.getRoot().toPath().resolve("data/initial-admin-password");
        InitialAdmin admin = new InitialAdmin(users, pw, Map.of(), new SecureRandom());
        assertFalse(admin.inKarafRealm());

        String password = admin.password();
        admin.addToKarafRealm(password);

        assertTrue(admin.generated());
        assertEquals(20, password.length());
        assertEquals(password, Files.readString(pw).trim());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pw)));
        String content = Files.readString(users);
        assertFalse("clear password must not be stored", content.contains(password));
        assertTrue(content.contains("admin = {CRYPT}" + InitialAdmin.sha512(password) + "{CRYPT},_g_:admingroup"));
        assertTrue(content.contains(InitialAdmin.GROUP_LINE));
        assertTrue("the commented karaf account stays commented", content.contains("#karaf = karaf"));
        assertTrue(admin.inKarafRealm());
    }

    @Test
    public void takesThePasswordFromTheEnvironmentAndWritesNoFile() throws Exception {
        Path users = tmp.newFile("users.properties").toPath();
        Path pw = tmp.getRoot().toPath().resolve("initial-admin-password");
        InitialAdmin admin = new InitialAdmin(users, pw, Map.of("PERGOLA_ADMIN_PASSWORD", "correct horse battery"),
                new SecureRandom());

        assertEquals("correct horse battery", admin.password());
        assertFalse(admin.generated());
        assertFalse(Files.exists(pw));
    }

    @Test
    public void reusesThePasswordAnEarlierBootGenerated() throws Exception {
        Path users = tmp.newFile("users.properties").toPath();
        Path pw = tmp.newFile("initial-admin-password").toPath();
        Files.writeString(pw, "earlier-password-123\n");
        InitialAdmin admin = new InitialAdmin(users, pw, Map.of(), new SecureRandom());
        assertEquals("earlier-password-123", admin.password());
        assertFalse(admin.generated());
    }

    @Test
    public void recognisesAnExistingAdmin() throws Exception {
        Path users = tmp.newFile("users.properties").toPath();
        Files.writeString(users, "admin = {CRYPT}abc{CRYPT},_g_:admingroup\n");
        assertTrue(new InitialAdmin(users, tmp.getRoot().toPath().resolve("x"), Map.of(), new SecureRandom()).inKarafRealm());
    }

    @Test
    public void digestMatchesKarafBasicEncryption() {
        // Karaf's basic encryption: hex SHA-512 of the password, compared case-insensitively
        assertEquals("ee26b0dd4af7e749aa1a8ee3c10ae9923f618980772e473f8819a5d4940e0db27ac185f8a0e1d5f84f88bc887fd67b143732c304cc5fa9ad8e6f57f50028a8ff",
                InitialAdmin.sha512("test"));
    }
}
