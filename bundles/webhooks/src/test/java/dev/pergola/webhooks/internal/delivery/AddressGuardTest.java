package dev.pergola.webhooks.internal.delivery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

/** Where deliveries may go: internal addresses refused unless allowed, IPv6 and embedded IPv4 included. */
public class AddressGuardTest {
    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static String refused(AddressGuard guard, String host) {
        try {
            InetAddress a = guard.resolve(host);
            fail(host + " should be refused, got " + a);
            return null;
        } catch (Refused e) {
            return e.getMessage();
        }
    }

    @Test
    public void refusesEveryInternalKindByDefault() {
        AddressGuard guard = new AddressGuard("");
        Map<String, String> cases = Map.ofEntries(
                Map.entry("127.0.0.1", "loopback"), Map.entry("127.9.9.9", "loopback"), Map.entry("[::1]", "loopback"),
                Map.entry("10.1.2.3", "private"), Map.entry("172.16.0.1", "private"), Map.entry("172.31.255.255", "private"),
                Map.entry("192.168.1.1", "private"), Map.entry("100.64.0.1", "CGNAT"), Map.entry("100.127.255.254", "CGNAT"),
                Map.entry("0.0.0.0", "this network"), Map.entry("0.1.2.3", "this network"),
                Map.entry("169.254.169.254", "metadata"), Map.entry("169.254.10.10", "link-local"),
                Map.entry("[fd00:ec2::254]", "metadata"), Map.entry("[fe80::1]", "link-local"),
                Map.entry("[fc00::1]", "unique local"), Map.entry("[fdff:1::1]", "unique local"),
                Map.entry("224.0.0.1", "multicast"), Map.entry("[ff02::1]", "multicast"),
                Map.entry("[::]", "unspecified"), Map.entry("255.255.255.255", "reserved"),
                Map.entry("[::ffff:10.0.0.1]", "private"), Map.entry("[::127.0.0.1]", "loopback"),
                Map.entry("[64:ff9b::a9fe:a9fe]", "metadata"));
        cases.forEach((host, kind) -> {
            String why = refused(guard, host);
            assertTrue(host + ": " + why, why.contains(kind));
            assertTrue(why, why.contains("not in allowed.hosts"));
        });
    }

    @Test
    public void publicAddressesPass() throws Refused {
        AddressGuard guard = new AddressGuard("");
        assertEquals(ip("93.184.216.34"), guard.resolve("93.184.216.34"));
        assertEquals(ip("172.32.0.1"), guard.resolve("172.32.0.1"));
        assertEquals(ip("100.128.0.1"), guard.resolve("100.128.0.1"));
        assertEquals(ip("2606:2800:220:1::1"), guard.resolve("[2606:2800:220:1::1]"));
    }

    @Test
    public void theAllowListOpensRangesAddressesAndNamesOnly() throws Refused {
        AddressGuard guard = new AddressGuard(" 10.1.0.0/16 , 127.0.0.1, fd12::/16, hooks.internal ",
                host -> switch (host.toLowerCase()) {
                    case "hooks.internal" -> new InetAddress[] {ip("192.168.7.7")};
                    case "other.internal" -> new InetAddress[] {ip("192.168.7.8")};
                    default -> throw new UnknownHostException(host);
                });
        assertEquals(ip("10.1.200.3"), guard.resolve("10.1.200.3"));
        assertTrue(refused(guard, "10.2.0.1").contains("private"));
        assertEquals(ip("127.0.0.1"), guard.resolve("127.0.0.1"));
        assertTrue(refused(guard, "127.0.0.2").contains("loopback"));
        assertEquals(ip("fd12:3::4"), guard.resolve("[fd12:3::4]"));
        assertTrue(refused(guard, "[fd13::4]").contains("unique local"));
        assertEquals(ip("192.168.7.7"), guard.resolve("HOOKS.internal"));
        assertTrue(refused(guard, "other.internal").contains("192.168.7.8"));
        assertTrue(refused(guard, "nowhere.test").contains("cannot resolve"));
        assertTrue(refused(guard, "169.254.169.254").contains("metadata"));
    }

    @Test
    public void resolvesOnceAndHandsBackTheAddressItChecked() throws Refused {
        AtomicInteger lookups = new AtomicInteger();
        // a rebinding name: private first, then public; the guard must use the public one and ask only once
        AddressGuard guard = new AddressGuard("", host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {ip("10.0.0.5"), ip("93.184.216.34")};
        });
        assertEquals(ip("93.184.216.34"), guard.resolve("rebind.test"));
        assertEquals(1, lookups.get());
    }

    @Test
    public void cidrMembershipIsExactAtTheBoundaries() {
        AddressRange r = AddressRange.parse("172.16.0.0/12");
        assertTrue(r.contains(ip("172.16.0.0")));
        assertTrue(r.contains(ip("172.31.255.255")));
        assertTrue(!r.contains(ip("172.32.0.0")));
        assertTrue(!r.contains(ip("172.15.255.255")));
        assertTrue("an IPv6 address is never in an IPv4 range", !r.contains(ip("::1")));
        assertTrue(AddressRange.parse("0.0.0.0/0").contains(ip("8.8.8.8")));
        for (String bad : List.of("10.0.0.0/33", "fc00::/129", "example.com/8", "10.0.0.0/x")) {
            try {
                AddressRange.parse(bad);
                fail(bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains(bad.substring(0, 4)));
            }
        }
        assertNull(new AddressGuard("0.0.0.0/0").refusal(ip("10.0.0.1")));
    }
}
