package dev.pergola.identity.internal.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;

import org.junit.Test;

public class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.of("127.0.0.1", "10.0.0.0/8, fd00::/8");

    @Test
    public void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("192.0.2.1", TrustedProxies.NONE.resolve("192.0.2.1", List.of("203.0.113.5")).key());
    }

    @Test
    public void anUntrustedPeerCannotNameAnotherClient() {
        assertEquals("198.51.100.9", proxies.resolve("198.51.100.9", List.of("203.0.113.5")).key());
    }

    @Test
    public void theRightmostUntrustedHopIsTheClient() {
        assertEquals("203.0.113.5", proxies.resolve("127.0.0.1", List.of("203.0.113.5")).key());
        assertEquals("trusted hops are skipped", "203.0.113.5",
                proxies.resolve("127.0.0.1", List.of("203.0.113.5, 10.1.2.3")).key());
        assertEquals("what the client wrote itself (left of its own address) is not believed", "203.0.113.5",
                proxies.resolve("127.0.0.1", List.of("1.1.1.1, 6.6.6.6", "203.0.113.5, 10.1.2.3")).key());
        assertEquals("IPv6 proxies and clients", "2001:db8:0:1::/64",
                proxies.resolve("fd00::1", List.of("[2001:db8:0:1::77]")).key());
    }

    @Test
    public void garbageStopsTheWalkAtTheLastReadableHop() {
        assertEquals("10.1.2.3", proxies.resolve("127.0.0.1", List.of("evil.example, 10.1.2.3")).key());
        assertEquals("no header: the proxy itself", "127.0.0.1", proxies.resolve("127.0.0.1", List.of()).key());
    }

    @Test
    public void aBadEntryIsReportedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.of("10.0.0.0/33"));
        assertEquals("Prefix length out of range in '10.0.0.0/33'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of("proxy.example"));
    }
}
