package dev.pergola.plugins.internal.artifact;

import dev.pergola.api.errors.PergolaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Fetches a plugin artifact named by a URL, at most {@code limit} bytes. Only two schemes exist: {@code mvn:}
 * with plain coordinates, resolved by Karaf's Maven resolver from the repositories configured in
 * {@code etc/org.ops4j.pax.url.mvn.cfg}, and (opt-in) {@code file:} with an absolute local path. Anything that
 * would let a caller choose a host — pax-url's {@code repo!} syntax, {@code http:}, credentials, a file URL with
 * a host — is refused before any I/O, and a failed fetch answers a generic message: the underlying error (which
 * names hosts, ports and timeouts) goes to the server log only.
 */
public final class UrlDownloads {
    /** The schemes this class can fetch from; configuration can only narrow them. */
    public static final Set<String> SUPPORTED = Set.of("mvn", "file");

    private static final Logger LOG = LoggerFactory.getLogger(UrlDownloads.class);
    private static final int MAX_URL_LENGTH = 512;
    private static final String PART = "[A-Za-z0-9][A-Za-z0-9_.-]*";
    /** {@code mvn:group/artifact/version[/type[/classifier]]}, nothing else. */
    private static final Pattern MVN = Pattern.compile("mvn:(" + PART + ")/(" + PART + ")/(" + PART + ")(?:/([A-Za-z0-9]+)(?:/("
            + PART + "))?)?");
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]{0,15}");

    /** Opens a validated URL: Karaf's {@code mvn:} handler in production, a stand-in in tests. */
    @FunctionalInterface
    public interface Opener {
        InputStream open(String url) throws IOException;
    }

    /** Opens through the URL stream handlers the framework registers ({@code mvn:} comes from pax-url). */
    public static final Opener URL_HANDLERS = url -> new URL(url).openStream();

    private final Set<String> allowed;
    private final long limit;
    private final Opener mvn;

    public UrlDownloads(Collection<String> configuredSchemes, long limit, Opener mvn) {
        this.allowed = new TreeSet<>();
        for (String s : configuredSchemes) {
            String scheme = s.trim().toLowerCase(Locale.ROOT);
            if (SUPPORTED.contains(scheme)) {
                allowed.add(scheme);
            } else if (!scheme.isEmpty()) {
                LOG.warn("url.schemes of dev.pergola.plugins lists '{}', which is not supported (only {}): ignored",
                        scheme, SUPPORTED);
            }
        }
        this.limit = limit;
        this.mvn = mvn;
    }

    public Set<String> allowedSchemes() {
        return Set.copyOf(allowed);
    }

    public void download(String url, Path target) {
        if (url == null || url.isBlank()) {
            throw problem("A url (mvn:group/artifact/version) is required.");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw problem("The url is longer than " + MAX_URL_LENGTH + " characters.");
        }
        int colon = url.indexOf(':');
        String scheme = colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!allowed.contains(scheme)) {
            throw problem((SCHEME.matcher(scheme).matches() ? "The scheme '" + scheme + "' is" : "This scheme is")
                    + " not allowed; allowed: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed))
                    + " (setting url.schemes of dev.pergola.plugins).");
        }
        if (scheme.equals("mvn")) {
            String coordinates = mavenCoordinates(url);
            copy(() -> mvn.open(coordinates), coordinates, target);
        } else {
            Path file = localFile(url);
            copy(() -> Files.newInputStream(file), url, target);
        }
    }

    /**
     * The URL itself when it is plain Maven coordinates (group, artifact, version, optional type and classifier,
     * each of letters, digits, '.', '_', '-', starting with a letter or digit, no "..").
     */
    static String mavenCoordinates(String url) {
        Matcher m = MVN.matcher(url);
        if (!m.matches() || url.contains("..")) {
            throw problem("A mvn URL must be plain coordinates, mvn:group/artifact/version[/type[/classifier]], of"
                    + " letters, digits, '.', '_' and '-'; repository URLs, credentials and version ranges are not"
                    + " accepted (repositories are configured in etc/org.ops4j.pax.url.mvn.cfg).");
        }
        return url;
    }

    /** An absolute path on this machine: {@code file:/path} or {@code file:///path}, no host, query or fragment. */
    static Path localFile(String url) {
        String refusal = "A file URL must be an absolute local path (file:/path/to/plugin.jar).";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw problem(refusal);
        }
        if (uri.getRawAuthority() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
            throw problem(refusal);
        }
        try {
            return Paths.get(uri);
        } catch (IllegalArgumentException e) {
            throw problem(refusal);
        }
    }

    private interface Source {
        InputStream open() throws IOException;
    }

    private void copy(Source source, String shown, Path target) {
        try (InputStream in = source.open(); OutputStream out = Files.newOutputStream(target)) {
            long copied = 0;
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0;) {
                copied += n;
                if (copied > limit) {
                    throw new PergolaException("PAYLOAD_TOO_LARGE", "The artifact at " + shown + " is larger than "
                            + limit + " bytes.");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof PergolaException api) {
                throw api;
            }
            // the cause names hosts, ports and file system details: the log is for operators, not for the caller
            LOG.warn("Fetching plugin artifact {} failed: {}", shown, e.toString());
            throw problem("Could not resolve " + shown + " from the configured sources.");
        }
    }

    private static PergolaException problem(String message) {
        return new PergolaException("VALIDATION_ERROR", message, Map.of("url", List.of(message)), Map.of());
    }
}
