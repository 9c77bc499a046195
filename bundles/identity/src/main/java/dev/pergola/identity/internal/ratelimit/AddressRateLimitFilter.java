package dev.pergola.identity.internal.ratelimit;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Context;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.identity.internal.client.ClientAddresses;

/**
 * Charges every request to its client address before authentication runs, so bearer tokens and API keys that
 * fail are counted (a flood of random tokens gets 429 like any anonymous flood). A request that then signs in
 * is given its token back by {@link RateLimitFilter} and charged to its user. Health probes have their own
 * budget; login and browser sign-in are left to the login throttle.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName("pergola.ratelimit.address")
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@Priority(Priorities.AUTHENTICATION - 100)
public class AddressRateLimitFilter implements ContainerRequestFilter {
    private final RateLimits limits;
    private final ClientAddresses addresses;

    @Context
    private HttpServletRequest http;

    @Activate
    public AddressRateLimitFilter(@Reference RateLimits limits, @Reference ClientAddresses addresses) {
        this.limits = limits;
        this.addresses = addresses;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = RateLimitFilter.relative(request.getUriInfo().getPath());
        if (RateLimitFilter.loginPath(path)) {
            return;
        }
        String address = String.valueOf(addresses.of(http).key());
        boolean health = path.startsWith("health");
        String key = (health ? "h:" : "a:") + address;
        RateLimitConfig config = limits.config();
        RateBuckets.Charge charge = limits.buckets().take(key, health ? config.health_per_minute()
                : config.anonymous_per_minute());
        RateLimitFilter.record(request, key, charge);
    }
}
