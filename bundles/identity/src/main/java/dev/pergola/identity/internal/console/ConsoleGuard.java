package dev.pergola.identity.internal.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.Preprocessor;
import org.osgi.service.metatype.annotations.Designate;

import dev.pergola.identity.internal.client.ClientAddress;
import dev.pergola.identity.internal.client.ClientAddresses;
import dev.pergola.identity.internal.client.LoginOrigins;
import dev.pergola.identity.internal.ratelimit.RateBuckets;

/**
 * Stands in front of Karaf's web console (an HTTP whiteboard preprocessor, so it sees the console's requests
 * although the console registers through the HttpService): a per-address request budget (429), state-changing
 * requests from a foreign page refused (403, see {@link OriginCheck}), {@code SameSite=Strict} on its cookies,
 * a Content-Security-Policy and no framing. It also tells the console's JAAS login, which runs on this thread,
 * the client's address ({@link LoginOrigins}), so the login throttle counts console logins per address.
 */
@Component(service = Preprocessor.class, configurationPid = "dev.pergola.console",
        property = "osgi.http.whiteboard.filter.name=pergola.console-guard")
@Designate(ocd = ConsoleConfig.class)
public class ConsoleGuard implements Preprocessor {
    private final ClientAddresses addresses;
    private final LoginOrigins origins;
    private final RateBuckets buckets = new RateBuckets(100_000);
    private volatile Settings settings;

    private record Settings(String path, int perMinute, OriginCheck originCheck, String csp) {
        static Settings of(ConsoleConfig config) {
            String path = config.path().endsWith("/") ? config.path().substring(0, config.path().length() - 1)
                    : config.path();
            return new Settings(path, config.per_minute(), new OriginCheck(Set.of(config.allowed_origins())),
                    config.content_security_policy());
        }
    }

    @Activate
    public ConsoleGuard(@Reference ClientAddresses addresses, @Reference LoginOrigins origins, ConsoleConfig config) {
        this.addresses = addresses;
        this.origins = origins;
        this.settings = Settings.of(config);
    }

    /** New settings apply at once; the budgets spent so far are kept. */
    @Modified
    void configure(ConsoleConfig config) {
        this.settings = Settings.of(config);
    }

    @Override
    public void init(FilterConfig filterConfig) {
        // nothing to prepare: the component's configuration is all it needs
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        Settings s = settings;
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || !underConsole(request.getRequestURI(), s.path())) {
            chain.doFilter(req, res);
            return;
        }
        ClientAddress client = addresses.of(request);
        response.setHeader("Content-Security-Policy", s.csp());
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        RateBuckets.Charge charge = buckets.take(String.valueOf(client.key()), s.perMinute());
        if (!charge.allowed()) {
            response.setHeader("Retry-After", Long.toString(charge.resetSeconds()));
            refuse(response, 429, "RATE_LIMIT_EXCEEDED", "Too many requests; retry in " + charge.resetSeconds() + " s.");
            return;
        }
        if (!s.originCheck().allows(request.getMethod(), request.getHeader("Origin"), request.getHeader("Referer"),
                request.getHeader("Sec-Fetch-Site"), request.getHeader("Host"), request.getScheme())) {
            refuse(response, 403, "PERMISSION_DENIED", "Cross-site requests may not change the web console's state.");
            return;
        }
        GuardedResponse strict = new GuardedResponse(response);
        try (LoginOrigins.Scope scope = origins.enter(client)) {
            chain.doFilter(request, strict);
        } finally {
            strict.beforeCommit();
        }
    }

    @Override
    public void destroy() {
        // nothing held beyond the component's lifetime
    }

    static boolean underConsole(String uri, String path) {
        return uri != null && (uri.equals(path) || uri.startsWith(path + "/"));
    }

    /** The platform's error envelope, written by hand: the console is not a JAX-RS application. */
    private static void refuse(HttpServletResponse response, int status, String code, String message) throws IOException {
        String requestId = UUID.randomUUID().toString();
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Request-ID", requestId);
        byte[] body = ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message
                + "\",\"details\":{},\"request_id\":\"" + requestId + "\",\"timestamp\":\"" + Instant.now() + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
