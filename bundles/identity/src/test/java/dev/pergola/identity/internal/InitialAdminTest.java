package dev.pergola.identity.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
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

        assertEquals(InitialAdmin.Outcome.GENERATED, InitialAdmin.ensure(users, pw, Map.of(), new SecureRandom()));

        String password = Files.readString(pw).trim();
        assertEquals(20, password.length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pw)));
        String content = Files.readString(users);
        assertFalse("clear password must not be stored", content.contains(password));
        assertTrue(content.contains("admin = {CRYPT}" + InitialAdmin.sha512(password) + "{CRYPT},_g_:admingroup"));
        assertTrue(content.contains(InitialAdmin.GROUP_LINE));
        assertTrue("the commented karaf account stays commented", content.contains("#karaf = karaf"));
    }

    @Test
    public void takesThePasswordFromTheEnvironmentAndWritesNoFile() throws Exception {
        Path users = tmp.newFile("users.properties").toPath();
        Path pw = tmp.getRoot().toPath().resolve("initial-admin-password");

        assertEquals(InitialAdmin.Outcome.FROM_ENVIRONMENT,
                InitialAdmin.ensure(users, pw, Map.of("PERGOLA_ADMIN_PASSWORD", "correct horse battery"), new SecureRandom()));

        assertFalse(Files.exists(pw));
        assertTrue(Files.readString(users).contains(InitialAdmin.sha512("correct horse battery")));
    }

    @Test
    public void leavesAnExistingAdminAlone() throws Exception {
        Path users = tmp.newFile("users.properties").toPath();
        Files.writeString(users, "admin = {CRYPT}abc{CRYPT},_g_:admingroup\n");
        Path pw = tmp.getRoot().toPath().resolve("initial-admin-password");

        assertEquals(InitialAdmin.Outcome.ALREADY_PRESENT, InitialAdmin.ensure(users, pw, Map.of(), new SecureRandom()));
        assertEquals(List.of("admin = {CRYPT}abc{CRYPT},_g_:admingroup"), Files.readAllLines(users));
        assertFalse(Files.exists(pw));
    }

    @Test
    public void digestMatchesKarafBasicEncryption() {
        // Karaf's basic encryption: hex SHA-512 of the UTF-8 password, compared case-insensitively
        assertEquals("ee26b0dd4af7e749aa1a8ee3c10ae9923f618980772e473f8819a5d4940e0db27ac185f8a0e1d5f84f88bc887fd67b143732c304cc5fa9ad8e6f57f50028a8ff",
                InitialAdmin.sha512("test"));
    }
}
