package dev.pergola.webhooks.internal.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, at delivery time, which address a webhook may be sent to: the host is resolved once here, and the
 * caller connects to the address returned (never resolving again), so a DNS answer that changes between the
 * check and the connection cannot redirect a delivery into the private network.
 *
 * <p>Refused unless {@code allowed.hosts} lists the host name or a range holding the address: loopback, link-local,
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), CGNAT (100.64/10), 0.0.0.0/8, multicast, reserved, and the cloud
 * metadata addresses (169.254.169.254, fd00:ec2::254), also when embedded in IPv6 (IPv4-compatible, NAT64).
 */
public final class AddressGuard {
    private static final List<Named> REFUSED = List.of(
            new Named("a cloud metadata address", "169.254.169.254/32"),
            new Named("a cloud metadata address", "fd00:ec2::254/128"),
            new Named("a 'this network' address", "0.0.0.0/8"),
            new Named("loopback", "127.0.0.0/8"),
            new Named("loopback", "::1/128"),
            new Named("unspecified", "::/128"),
            new Named("private", "10.0.0.0/8"),
            new Named("private", "172.16.0.0/12"),
            new Named("private", "192.168.0.0/16"),
            new Named("shared (CGNAT)", "100.64.0.0/10"),
            new Named("link-local", "169.254.0.0/16"),
            new Named("link-local", "fe80::/10"),
            new Named("unique local (private)", "fc00::/7"),
            new Named("site-local", "fec0::/10"),
            new Named("multicast", "224.0.0.0/4"),
            new Named("multicast", "ff00::/8"),
            new Named("reserved", "240.0.0.0/4"));

    private record Named(String what, AddressRange range) {
        Named(String what, String cidr) {
            this(what, AddressRange.parse(cidr));
        }
    }

    /** Looks a host name up; {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> hosts = new TreeSet<>();
    private final List<AddressRange> ranges = new ArrayList<>();
    private final Resolver resolver;

    /** @param allowed {@code allowed.hosts}: comma-separated host names, addresses and CIDR ranges */
    public AddressGuard(String allowed, Resolver resolver) {
        this.resolver = resolver;
        if (allowed != null) {
            for (String entry : allowed.split(",")) {
                String e = entry.strip().toLowerCase(Locale.ROOT);
                if (e.isEmpty()) {
                    continue;
                }
                if (AddressRange.looksLikeLiteral(e.contains("/") ? e.substring(0, e.indexOf('/')) : e)) {
                    ranges.add(AddressRange.parse(e));
                } else {
                    hosts.add(e);
                }
            }
        }
    }

    public AddressGuard(String allowed) {
        this(allowed, InetAddress::getAllByName);
    }

    /** The address to connect to for {@code host}. @throws Refused when none may be used, saying why */
    public InetAddress resolve(String host) throws Refused {
        if (host == null || host.isBlank()) {
            throw new Refused("the URL has no host");
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            // a literal is parsed, never looked up; a name is looked up once, here
            addresses = AddressRange.looksLikeLiteral(name) ? new InetAddress[] {InetAddress.getByName(name)}
                    : resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw new Refused("cannot resolve " + name);
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("cannot resolve " + name);
        }
        boolean hostAllowed = hosts.contains(name.toLowerCase(Locale.ROOT));
        String firstReason = null;
        for (InetAddress a : addresses) {
            String reason = hostAllowed ? null : refusal(a);
            if (reason == null) {
                return a;
            }
            firstReason = firstReason == null ? reason : firstReason;
        }
        throw new Refused(name + " resolves to " + addresses[0].getHostAddress() + ", " + firstReason
                + " (not in allowed.hosts)");
    }

    /** Why {@code address} is refused, or null when it may be used. */
    public String refusal(InetAddress address) {
        for (AddressRange allowed : ranges) {
            if (allowed.contains(address)) {
                return null;
            }
        }
        String reason = category(address.getAddress());
        if (reason == null && address.getAddress().length == 16) {
            byte[] embedded = embeddedIpv4(address.getAddress());
            if (embedded != null) {
                reason = category(embedded);
                if (reason != null) {
                    reason = "an IPv6 form of an IPv4 address that is " + reason;
                }
            }
        }
        return reason;
    }

    private static String category(byte[] address) {
        for (Named n : REFUSED) {
            if (n.range().contains(address)) {
                return n.what();
            }
        }
        return null;
    }

    /** The IPv4 address inside ::a.b.c.d (compatible), ::ffff:a.b.c.d (mapped) or 64:ff9b::a.b.c.d (NAT64). */
    private static byte[] embeddedIpv4(byte[] a) {
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= a[i] == 0;
        }
        boolean compatibleOrMapped = zeros && ((a[10] == 0 && a[11] == 0) || (a[10] == (byte) 0xff && a[11] == (byte) 0xff));
        boolean nat64 = a[0] == 0 && a[1] == 0x64 && a[2] == (byte) 0xff && a[3] == (byte) 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = a[i] == 0;
        }
        return compatibleOrMapped || nat64 ? new byte[] {a[12], a[13], a[14], a[15]} : null;
    }
}
