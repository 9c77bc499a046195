package dev.pergola.rest.internal.http;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;

import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.util.URIUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.http.whiteboard.Preprocessor;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.rest.ErrorCode;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.rest.internal.filters.RequestIds;

/**
 * The first thing every HTTP request meets, in every servlet context (an HTTP whiteboard preprocessor): it
 * gives the request its id, puts the security headers on the response, serves only the configured path prefixes,
 * refuses a charset the platform cannot decode (415) and turns whatever a servlet or the container answers with
 * {@code sendError} or an exception into the JSON error envelope.
 */
@Component(service = Preprocessor.class, configurationPid = "dev.pergola.http",
        // a name of its own (Pax Web refuses a second filter of the same name); outermost of the preprocessors
        property = {"osgi.http.whiteboard.filter.name=pergola.http-guard", "service.ranking:Integer=100"})
@Designate(ocd = HttpGuardConfig.class)
public class HttpGuard implements Preprocessor {
    private static final Logger LOG = LoggerFactory.getLogger(HttpGuard.class);

    private volatile List<String> allowed;

    @Activate
    public HttpGuard(HttpGuardConfig config) {
        configure(config);
    }

    @Modified
    void configure(HttpGuardConfig config) {
        this.allowed = List.of(config.allowed_paths()).stream().map(String::trim).filter(p -> p.startsWith("/"))
                .map(p -> p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p).toList();
    }

    @Override
    public void init(FilterConfig filterConfig) {
        // nothing to set up: configuration comes from Config Admin
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        String requestId = RequestIds.choose(request.getHeader(PergolaApplication.REQUEST_ID_HEADER));
        String path = canonicalPath(request.getRequestURI());
        response.setHeader(PergolaApplication.REQUEST_ID_HEADER, requestId);
        SecurityHeaders.apply(response, request.isSecure(), path);
        EnvelopeResponse envelope = new EnvelopeResponse(response, requestId);
        if (path == null) {
            envelope.sendError(400);
            return;
        }
        if (!served(path, allowed)) {
            envelope.sendError(404);
            return;
        }
        if (!decodable(request.getContentType())) {
            envelope.sendError(415);
            return;
        }
        try {
            chain.doFilter(new RequestWithId(request, requestId), envelope);
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            LOG.error("Request {} {} {} failed in the servlet container", requestId, request.getMethod(), path, e);
            response.reset();
            response.setHeader(PergolaApplication.REQUEST_ID_HEADER, requestId);
            SecurityHeaders.apply(response, request.isSecure(), path);
            envelope.write(500, ErrorCode.INTERNAL_ERROR,
                    "An unexpected error occurred; quote request id " + requestId + " when reporting it.");
        }
    }

    @Override
    public void destroy() {
        // nothing held
    }

    /** The decoded, dot-segment-free path, or null when it would climb above the root. */
    static String canonicalPath(String rawUri) {
        if (rawUri == null || rawUri.isEmpty()) {
            return "/";
        }
        try {
            String decoded = URIUtil.decodePath(rawUri);
            return decoded.indexOf('\0') >= 0 ? null : URIUtil.canonicalPath(decoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean served(String path, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    /** A missing charset is fine (JSON is UTF-8); a named one must be one the JVM knows. */
    static boolean decodable(String contentType) {
        if (contentType == null) {
            return true;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring("charset=".length()).trim().replace("\"", "");
                try {
                    return !name.isEmpty() && Charset.isSupported(name);
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
