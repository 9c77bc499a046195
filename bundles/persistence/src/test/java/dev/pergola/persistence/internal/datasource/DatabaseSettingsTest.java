package dev.pergola.persistence.internal.datasource;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.annotation.Annotation;
import java.nio.file.Paths;
import java.util.Map;

import org.junit.Test;

public class DatabaseSettingsTest {

    private static DatabaseConfig config(String type, String url) {
        return new DatabaseConfig() {
            @Override public Class<? extends Annotation> annotationType() { return DatabaseConfig.class; }
            @Override public String type() { return type; }
            @Override public String url() { return url; }
            @Override public String user() { return "u"; }
            @Override public String password() { return "p"; }
            @Override public int pool_max() { return 16; }
        };
    }

    @Test
    public void defaultsToAnH2FileUnderTheDataFolder() {
        DatabaseSettings s = DatabaseSettings.resolve(config("h2", ""), Map.of(), Paths.get("/srv/pergola/data"));
        assertEquals("jdbc:h2:file:/srv/pergola/data/db/pergola", s.url());
        assertEquals("org.h2.Driver", s.driverClass());
    }

    @Test
    public void environmentOverridesTheFile() {
        DatabaseSettings s = DatabaseSettings.resolve(config("h2", ""), Map.of("PERGOLA_DB_TYPE", "PostgreSQL",
                "PERGOLA_DB_URL", "jdbc:postgresql://db/p", "PERGOLA_DB_PASSWORD", "secret", "PERGOLA_DB_POOL_MAX", "4"),
                Paths.get("data"));
        assertEquals("postgresql", s.type());
        assertEquals("jdbc:postgresql://db/p", s.url());
        assertEquals("secret", s.password());
        assertEquals("u", s.user());
        assertEquals(4, s.poolMax());
        assertTrue("the password never appears in logs", !s.toString().contains("secret"));
    }

    @Test
    public void rejectsWhatCannotWorkWithAnActionableMessage() {
        expectFailure(config("mysql", ""), Map.of(), "type must be 'h2' or 'postgresql'");
        expectFailure(config("postgresql", ""), Map.of(), "needs a url");
        expectFailure(config("postgresql", "jdbc:h2:mem:x"), Map.of(), "starting with jdbc:postgresql:");
        expectFailure(config("h2", ""), Map.of("PERGOLA_DB_POOL_MAX", "lots"), "must be a number");
    }

    private static void expectFailure(DatabaseConfig config, Map<String, String> env, String message) {
        try {
            DatabaseSettings.resolve(config, env, Paths.get("data"));
            fail("expected: " + message);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(message));
        }
    }
}
