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

    private volatile TrustedProxies proxies;

    @Activate
    public ClientAddresses(ClientAddressConfig config) {
        this.proxies = TrustedProxies.of(config.trusted_proxies());
    }

    @Modified
    void configure(ClientAddressConfig config) {
        this.proxies = TrustedProxies.of(config.trusted_proxies());
    }

    public ClientAddress of(HttpServletRequest request) {
        if (request == null) {
            return ClientAddress.UNKNOWN;
        }
        return proxies.resolve(request.getRemoteAddr(), TrustedProxies.headerValues(request.getHeaders(FORWARDED_FOR)));
    }
}
