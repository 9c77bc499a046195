package dev.pergola.identity.internal.ratelimit;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.api.rest.PergolaApplication;

/**
 * The budget after authentication: a signed-in caller gets back the token {@link AddressRateLimitFilter} took
 * from its address and is charged per user instead (signed-in and admin tiers). Puts the
 * {@code X-RateLimit-Limit/Remaining/Reset} headers on every limited response; over budget: 429
 * RATE_LIMIT_EXCEEDED with {@code Retry-After}.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JaxrsExtension
@JaxrsName("pergola.ratelimit")
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@Priority(Priorities.AUTHENTICATION + 10)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String TAKEN = "pergola.ratelimit";
    private static final String KEY = "pergola.ratelimit.key";

    private final RateLimits limits;

    @Activate
    public RateLimitFilter(@Reference RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        PergolaPrincipal principal = request.getSecurityContext() != null
                && request.getSecurityContext().getUserPrincipal() instanceof PergolaPrincipal p ? p : null;
        if (principal == null || !(request.getProperty(KEY) instanceof String addressKey)) {
            return; // anonymous: charged to its address already (or exempt)
        }
        limits.buckets().refund(addressKey);
        RateLimitConfig config = limits.config();
        int limit = principal.hasPermission(RateLimits.ADMIN_PERMISSION) ? config.admin_per_minute()
                : config.authenticated_per_minute();
        String key = "u:" + principal.userId();
        record(request, key, limits.buckets().take(key, limit));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(TAKEN) instanceof RateBuckets.Charge charge && charge.allowed()) {
            response.getHeaders().putSingle("X-RateLimit-Limit", Integer.toString(charge.limit()));
            response.getHeaders().putSingle("X-RateLimit-Remaining", Integer.toString(charge.remaining()));
            response.getHeaders().putSingle("X-RateLimit-Reset", Long.toString(charge.resetSeconds()));
        }
    }

    /** Remembers the charge for the response headers; refuses the request when the bucket was empty. */
    static void record(ContainerRequestContext request, String key, RateBuckets.Charge charge) {
        request.setProperty(KEY, key);
        request.setProperty(TAKEN, charge);
        if (!charge.allowed()) {
            throw new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED, "Too many requests; retry in " + charge.resetSeconds()
                    + " s.").withHeader("Retry-After", Long.toString(charge.resetSeconds()))
                    .withHeader("X-RateLimit-Limit", Integer.toString(charge.limit()))
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", Long.toString(charge.resetSeconds()));
        }
    }

    static String relative(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** Password logins are guarded by the login throttle (per account, address and pair), not by a budget. */
    static boolean loginPath(String relativePath) {
        return relativePath.equals("v1/auth/login") || relativePath.equals("v1/auth/session");
    }
}
