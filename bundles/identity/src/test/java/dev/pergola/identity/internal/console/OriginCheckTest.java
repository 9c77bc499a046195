package dev.pergola.identity.internal.console;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Set;

import org.junit.Test;

public class OriginCheckTest {
    private final OriginCheck check = new OriginCheck(Set.of("https://admin.example.com"));

    @Test
    public void readsAreAlwaysAllowed() {
        assertTrue(check.allows("GET", "https://evil.example", null, "cross-site", "localhost:8181", "http"));
    }

    @Test
    public void aForeignPageCannotPost() {
        assertFalse(check.allows("POST", "https://evil.example", null, null, "localhost:8181", "http"));
        assertFalse(check.allows("POST", null, "https://evil.example/form.html", null, "localhost:8181", "http"));
        assertFalse(check.allows("DELETE", "null", null, null, "localhost:8181", "http"));
        assertFalse(check.allows("POST", null, null, "cross-site", "localhost:8181", "http"));
        assertFalse("another port is another origin",
                check.allows("POST", "http://localhost:9999", null, null, "localhost:8181", "http"));
    }

    @Test
    public void theConsolesOwnPagesScriptsAndAllowedOriginsCan() {
        assertTrue(check.allows("POST", "http://localhost:8181", null, "same-origin", "localhost:8181", "http"));
        assertTrue(check.allows("POST", null, "http://LOCALHOST:8181/system/console/bundles", null, "localhost:8181",
                "http"));
        assertTrue("default ports", check.allows("POST", "https://console.example", null, null, "console.example",
                "https"));
        assertTrue("curl -u: no Origin, no Referer", check.allows("POST", null, null, null, "localhost:8181", "http"));
        assertTrue(check.allows("PUT", "https://admin.example.com", null, null, "internal:8181", "http"));
    }

    @Test
    public void authorityNormalises() {
        assertEquals("example.com:80", OriginCheck.authority("http://Example.com/x"));
        assertEquals("example.com:443", OriginCheck.authority("https://example.com"));
        assertEquals(null, OriginCheck.authority("file:///etc/passwd"));
    }
}
