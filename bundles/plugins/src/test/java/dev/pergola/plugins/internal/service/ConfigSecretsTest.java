package dev.pergola.plugins.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

/** Values of secret-looking configuration properties never reach the audit trail. */
public class ConfigSecretsTest {
    @Test
    public void namesThatLookSecret() {
        for (String name : List.of("password", "db.password", "smtp_passwd", "client.secret", "clientSecret",
                "access.token", "apiKey", "api.key", "signing-key", "key", "credentials", "private.key.file",
                "password.hash", "Salt", "proxy.authorization", "session.cookie", "admin.pin")) {
            assertTrue(name, ConfigSecrets.looksSecret(name));
        }
        for (String name : List.of("max.keys", "keyboard.layout", "monkey.count", "greeting", "max.body.length",
                "url", "spinner.style", "pinned")) {
            assertFalse(name, ConfigSecrets.looksSecret(name));
        }
    }

    @Test
    public void masksSecretValuesAndKeepsTheRest() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("greeting", "hi");
        values.put("api.key", "k-123");
        values.put("smtp.password", null);
        Map<String, Object> expected = new HashMap<>();
        expected.put("greeting", "hi");
        expected.put("api.key", ConfigSecrets.MASK);
        expected.put("smtp.password", null); // not set stays visibly not set
        assertEquals(expected, ConfigSecrets.masked(values));
        assertEquals("the caller's map is untouched", "k-123", values.get("api.key"));
    }
}
