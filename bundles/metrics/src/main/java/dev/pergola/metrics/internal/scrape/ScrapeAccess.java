package dev.pergola.metrics.internal.scrape;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import dev.pergola.api.identity.Authenticator;
import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.identity.Permissions;

/**
 * Who may read {@code /metrics}: a caller holding {@link #PERMISSION} (access token or API key, as on the REST API),
 * or a Prometheus server presenting the configured scrape token. Anything else is refused with the reason the
 * envelope reports.
 */
final class ScrapeAccess {
    static final String PERMISSION = Permissions.view("monitoring");
    private static final String BEARER = "Bearer ";

    enum Verdict { ALLOWED, AUTHENTICATION_REQUIRED, INVALID_TOKEN, PERMISSION_DENIED }

    private final Authenticator authenticator;
    private final byte[] scrapeToken;

    ScrapeAccess(Authenticator authenticator, String scrapeToken) {
        this.authenticator = authenticator;
        this.scrapeToken = scrapeToken == null || scrapeToken.isBlank() ? null
                : scrapeToken.trim().getBytes(StandardCharsets.UTF_8);
    }

    Verdict check(String authorization, String apiKey) {
        String credential;
        if (apiKey != null && !apiKey.isBlank()) {
            credential = apiKey.trim();
        } else if (authorization == null || authorization.isBlank()) {
            return Verdict.AUTHENTICATION_REQUIRED;
        } else if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Verdict.INVALID_TOKEN;
        } else {
            credential = authorization.substring(BEARER.length()).trim();
        }
        if (scrapeToken != null
                && MessageDigest.isEqual(scrapeToken, credential.getBytes(StandardCharsets.UTF_8))) {
            return Verdict.ALLOWED;
        }
        Optional<PergolaPrincipal> caller = credential.isEmpty() ? Optional.empty()
                : authenticator.authenticate(credential);
        if (caller.isEmpty()) {
            return Verdict.INVALID_TOKEN;
        }
        return caller.get().hasPermission(PERMISSION) ? Verdict.ALLOWED : Verdict.PERMISSION_DENIED;
    }
}
