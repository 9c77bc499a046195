package dev.pergola.identity.internal.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.Context;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.metatype.annotations.Designate;

import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.api.rest.PergolaApplication;

/**
 * Per-caller request budgets with three tiers (anonymous by address, signed-in and admin by user), and the
 * {@code X-RateLimit-Limit/Remaining/Reset} headers on every limited response; over budget: 429
 * RATE_LIMIT_EXCEEDED with {@code Retry-After}. Runs after authentication so it knows the tier.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class}, configurationPid = "dev.pergola.ratelimit")
@Designate(ocd = RateLimitConfig.class)
@JaxrsExtension
@JaxrsName("pergola.ratelimit")
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@Priority(Priorities.AUTHENTICATION + 10)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String ADMIN_PERMISSION = "admin.settings.manage";
    private static final String TAKEN = "pergola.ratelimit";
    private static final int MAX_TRACKED = 100_000;

    private final RateLimitConfig config;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Context
    private HttpServletRequest http;

    @Activate
    public RateLimitFilter(RateLimitConfig config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (exempt(path)) {
            return;
        }
        PergolaPrincipal principal = request.getSecurityContext() != null
                && request.getSecurityContext().getUserPrincipal() instanceof PergolaPrincipal p ? p : null;
        String key;
        int limit;
        if (principal == null) {
            key = "a:" + (http == null ? "unknown" : http.getRemoteAddr());
            limit = config.anonymous_per_minute();
        } else if (principal.hasPermission(ADMIN_PERMISSION)) {
            key = "u:" + principal.userId();
            limit = config.admin_per_minute();
        } else {
            key = "u:" + principal.userId();
            limit = config.authenticated_per_minute();
        }
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        int capacity = limit;
        TokenBucket bucket = buckets.compute(key, (k, b) -> b == null || b.capacity() != capacity
                ? new TokenBucket(capacity, System.nanoTime()) : b);
        TokenBucket.Take take = bucket.take(System.nanoTime());
        request.setProperty(TAKEN, new Object[] {limit, take});
        if (!take.allowed()) {
            throw new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED, "Too many requests; retry in " + take.resetSeconds()
                    + " s.").withHeader("Retry-After", Long.toString(take.resetSeconds()))
                    .withHeader("X-RateLimit-Limit", Integer.toString(limit))
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", Long.toString(take.resetSeconds()));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(TAKEN) instanceof Object[] taken && taken[1] instanceof TokenBucket.Take take
                && take.allowed()) {
            response.getHeaders().putSingle("X-RateLimit-Limit", taken[0].toString());
            response.getHeaders().putSingle("X-RateLimit-Remaining", Integer.toString(take.remaining()));
            response.getHeaders().putSingle("X-RateLimit-Reset", Long.toString(take.resetSeconds()));
        }
    }

    /** Probes must never be throttled; logins and refreshes have their own brute-force protection. */
    static boolean exempt(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.startsWith("health") || p.equals("v1/auth/login") || p.equals("v1/auth/session")
                || p.equals("v1/auth/refresh");
    }
}
