package dev.pergola.identity.internal.client;

import javax.servlet.http.HttpServletRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/** The one place that says which address a request comes from (see {@link TrustedProxies}). */
@Component(service = ClientAddresses.class, configurationPid = "dev.pergola.proxy")
@Designate(ocd = ClientAddressConfig.class)
public class ClientAddresses {
    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private volatile TrustedProxies proxies;

    @Activate
    public ClientAddresses(ClientAddressConfig config) {
        this.proxies = TrustedProxies.of(config.trusted_proxies());
    }

    @Modified
    void configure(ClientAddressConfig config) {
        this.proxies = TrustedProxies.of(config.trusted_proxies());
    }

    /**
     * Whether the client reached us over TLS: the connection itself, or a trusted proxy that terminated TLS and
     * says so with {@code X-Forwarded-Proto: https} (the header is ignored from anyone else).
     */
    public boolean isSecure(HttpServletRequest request) {
        if (request == null) {
            return false;
        }
        if (request.isSecure()) {
            return true;
        }
        String proto = request.getHeader(FORWARDED_PROTO);
        return proto != null && proto.trim().equalsIgnoreCase("https")
                && proxies.trusts(ClientAddress.parse(request.getRemoteAddr()).orElse(ClientAddress.UNKNOWN));
    }

    public ClientAddress of(HttpServletRequest request) {
        if (request == null) {
            return ClientAddress.UNKNOWN;
        }
        return proxies.resolve(request.getRemoteAddr(), TrustedProxies.headerValues(request.getHeaders(FORWARDED_FOR)));
    }
}
