package dev.pergola.metrics.internal.scrape;

import static org.junit.Assert.assertEquals;

import java.util.Optional;
import java.util.Set;

import org.junit.Test;

import dev.pergola.api.identity.Authenticator;
import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.metrics.internal.scrape.ScrapeAccess.Verdict;

public class ScrapeAccessTest {
    private final Authenticator identity = new Authenticator() {
        @Override
        public Optional<PergolaPrincipal> authenticate(String credential) {
            return switch (credential) {
                case "watcher" -> Optional.of(new PergolaPrincipal("u1", "w", Set.of("admin.monitoring.view"), "s1"));
                case "pgl_key" -> Optional.of(PergolaPrincipal.apiKey("u2", "k", Set.of("admin.monitoring.view"), "k1"));
                case "nobody" -> Optional.of(new PergolaPrincipal("u3", "n", Set.of("admin.users.view"), "s3"));
                default -> Optional.empty();
            };
        }

        @Override
        public Optional<PergolaPrincipal> current(PergolaPrincipal principal) {
            return Optional.of(principal);
        }
    };

    @Test
    public void usersNeedTheMonitoringPermission() {
        ScrapeAccess access = new ScrapeAccess(identity, "");
        assertEquals(Verdict.AUTHENTICATION_REQUIRED, access.check(null, null));
        assertEquals(Verdict.ALLOWED, access.check("Bearer watcher", null));
        assertEquals(Verdict.ALLOWED, access.check(null, "pgl_key"));
        assertEquals(Verdict.ALLOWED, access.check("bearer pgl_key", null));
        assertEquals(Verdict.PERMISSION_DENIED, access.check("Bearer nobody", null));
        assertEquals(Verdict.INVALID_TOKEN, access.check("Bearer forged", null));
        assertEquals(Verdict.INVALID_TOKEN, access.check("Basic YWRtaW46eA==", null));
        assertEquals(Verdict.INVALID_TOKEN, access.check("Bearer ", null));
    }

    @Test
    public void theScrapeTokenWorksOnlyWhenConfigured() {
        assertEquals(Verdict.INVALID_TOKEN, new ScrapeAccess(identity, "").check("Bearer s3cret-scrape", null));
        ScrapeAccess access = new ScrapeAccess(identity, " s3cret-scrape ");
        assertEquals(Verdict.ALLOWED, access.check("Bearer s3cret-scrape", null));
        assertEquals(Verdict.INVALID_TOKEN, access.check("Bearer s3cret-scrapf", null));
        assertEquals(Verdict.ALLOWED, access.check("Bearer watcher", null));
    }

    @Test
    public void errorJsonEscapes() {
        assertEquals("\"a\\\"b\\\\c\\u000a\"", ErrorJson.quote("a\"b\\c\n"));
    }
}
