package dev.pergola.identity.internal.console;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a request may change state: safe methods always; others only when the page that sent them is the
 * console's own origin (or an allowed one). Browsers send {@code Origin} with every cross-site POST, and
 * {@code Sec-Fetch-Site} where they know it, so a request with neither {@code Origin} nor {@code Referer} is
 * not a browser's cross-site form: scripts ({@code curl -u}) keep working. {@code Origin: null} (sandboxed
 * frames, privacy redirects) is refused.
 */
final class OriginCheck {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Set<String> allowedOrigins;

    OriginCheck(Set<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    /**
     * @param host   the request's {@code Host} header, the authority the browser addressed
     * @param scheme {@code http} or {@code https} of the request
     */
    boolean allows(String method, String origin, String referer, String fetchSite, String host, String scheme) {
        if (method == null || SAFE.contains(method.toUpperCase(Locale.ROOT))) {
            return true;
        }
        if ("cross-site".equalsIgnoreCase(trim(fetchSite))) {
            return false;
        }
        String claimed = trim(origin);
        if (claimed == null) {
            String ref = trim(referer);
            if (ref == null) {
                return true;
            }
            claimed = ref;
        }
        String authority = authority(claimed);
        if (authority == null) {
            return false;
        }
        return authority.equals(withDefaultPort(host, scheme)) || allowedOrigins.stream()
                .map(OriginCheck::authority).anyMatch(authority::equals);
    }

    /** {@code http://Example.com/x} → {@code example.com:80}; null when not an http(s) URL. */
    static String authority(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return null;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String withDefaultPort(String host, String scheme) {
        String h = trim(host);
        return h == null ? null : authority(("https".equalsIgnoreCase(scheme) ? "https://" : "http://") + h);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
