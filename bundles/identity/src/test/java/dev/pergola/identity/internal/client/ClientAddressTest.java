package dev.pergola.identity.internal.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ClientAddressTest {
    @Test
    public void ipv4IsKeyedByTheAddressIpv6ByItsSlash64() {
        assertEquals("192.0.2.7", ClientAddress.parse("192.0.2.7").orElseThrow().key());
        assertEquals("2001:db8:0:1::/64", ClientAddress.parse("2001:db8:0:1:aaaa:bbbb:cccc:dddd").orElseThrow().key());
        assertEquals(ClientAddress.parse("2001:db8:0:1::1").orElseThrow(),
                ClientAddress.parse("[2001:db8:0:1:ffff::9]").orElseThrow());
        assertFalse(ClientAddress.parse("2001:db8:0:1::1").equals(ClientAddress.parse("2001:db8:0:2::1").orElseThrow()));
        assertEquals("an IPv4-mapped address counts as IPv4", "192.0.2.7",
                ClientAddress.parse("::ffff:192.0.2.7").orElseThrow().key());
    }

    @Test
    public void onlyLiteralsParseAndNoNameIsEverResolved() {
        assertTrue(ClientAddress.parse("localhost").isEmpty());
        assertTrue(ClientAddress.parse("example.com").isEmpty());
        assertTrue(ClientAddress.parse("300.1.1.1").isEmpty());
        assertTrue(ClientAddress.parse("1.2.3").isEmpty());
        assertTrue(ClientAddress.parse("unknown").isEmpty());
        assertTrue(ClientAddress.parse("").isEmpty());
        assertTrue(ClientAddress.parse(null).isEmpty());
        assertTrue(ClientAddress.parse("fe80::1%eth0").isPresent());
    }

    @Test
    public void socketAddressesAsKarafPrintsThem() {
        assertEquals("127.0.0.1", ClientAddress.fromSocketText("/127.0.0.1:50123").key());
        assertEquals("10.0.0.5", ClientAddress.fromSocketText("host.example/10.0.0.5:22").key());
        assertEquals("0:0:0:0:0:0:0:1", ClientAddress.fromSocketText("/[0:0:0:0:0:0:0:1]:50123").toString());
        assertEquals("127.0.0.1", ClientAddress.fromSocketText("127.0.0.1:8080").key());
        assertEquals("::1 without a port", "0:0:0:0:0:0:0:1", ClientAddress.fromSocketText("::1").toString());
        assertFalse(ClientAddress.fromSocketText("?").isKnown());
        assertFalse(ClientAddress.fromSocketText(null).isKnown());
    }
}
