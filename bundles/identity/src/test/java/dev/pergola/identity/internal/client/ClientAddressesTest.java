package dev.pergola.identity.internal.client;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;

import org.junit.Test;

public class ClientAddressesTest {

    private static ClientAddressConfig trusting(String... proxies) {
        return new ClientAddressConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ClientAddressConfig.class;
            }

            @Override
            public String[] trusted_proxies() {
                return proxies;
            }
        };
    }

    private static HttpServletRequest request(String peer, boolean tls, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(ClientAddressesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "isSecure" -> tls;
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> null;
                });
    }

    @Test
    public void forwardedProtoCountsOnlyFromATrustedProxy() {
        ClientAddresses addresses = new ClientAddresses(trusting("10.0.0.0/8"));
        assertTrue(addresses.isSecure(request("10.1.2.3", false, Map.of("X-Forwarded-Proto", "https"))));
        assertFalse("anyone else's header is ignored",
                addresses.isSecure(request("203.0.113.9", false, Map.of("X-Forwarded-Proto", "https"))));
        assertFalse(addresses.isSecure(request("10.1.2.3", false, Map.of("X-Forwarded-Proto", "http"))));
        assertTrue("a TLS connection is secure by itself", addresses.isSecure(request("203.0.113.9", true, Map.of())));
        assertFalse(new ClientAddresses(trusting()).isSecure(request("10.1.2.3", false,
                Map.of("X-Forwarded-Proto", "https"))));
    }
}
