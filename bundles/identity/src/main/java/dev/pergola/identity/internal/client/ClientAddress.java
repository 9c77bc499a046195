package dev.pergola.identity.internal.client;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a request or login comes from, as far as the platform can tell: an IP address (never a host name, so
 * parsing never touches DNS) and the {@link #key() key} that budgets and locks count by. An IPv6 address is
 * keyed by its /64, the block one subscriber usually holds, so rotating through a prefix buys no new budget.
 */
public final class ClientAddress {
    /** A login with no address (the local console, an unknown transport): counted by account only. */
    public static final ClientAddress UNKNOWN = new ClientAddress(null);

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    private final InetAddress address;

    private ClientAddress(InetAddress address) {
        this.address = address;
    }

    /** An IP literal (IPv4, IPv6 with or without brackets and zone); empty for anything else, host names included. */
    public static Optional<ClientAddress> parse(String literal) {
        return parseInet(literal).map(ClientAddress::new);
    }

    /**
     * A socket address as Java and servlet containers print it: {@code /10.0.0.1:4242}, {@code host/10.0.0.1:4242},
     * {@code /[::1]:4242}, {@code 10.0.0.1:4242}, {@code ::1}. {@link #UNKNOWN} when nothing in it is an IP literal.
     */
    public static ClientAddress fromSocketText(String text) {
        if (text == null || text.isBlank()) {
            return UNKNOWN;
        }
        String s = text.trim();
        s = s.substring(s.lastIndexOf('/') + 1);
        Optional<InetAddress> whole = parseInet(s);
        if (whole.isPresent()) {
            return new ClientAddress(whole.get());
        }
        int colon = s.lastIndexOf(':');
        return colon > 0 ? parse(s.substring(0, colon)).orElse(UNKNOWN) : UNKNOWN;
    }

    static Optional<InetAddress> parseInet(String literal) {
        if (literal == null) {
            return Optional.empty();
        }
        String s = literal.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        var v4 = IPV4.matcher(s);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return Optional.empty();
                }
            }
        } else if (s.indexOf(':') < 0 || !IPV6_CHARS.matcher(s).matches()) {
            return Optional.empty(); // not a literal: never hand it to the resolver
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException malformed) {
            return Optional.empty();
        }
    }

    public boolean isKnown() {
        return address != null;
    }

    public Optional<InetAddress> inet() {
        return Optional.ofNullable(address);
    }

    /** What budgets and locks count by: the IPv4 address, the IPv6 /64 ({@code 2001:db8:1:2::/64}), or null. */
    public String key() {
        if (address == null) {
            return null;
        }
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return address.getHostAddress();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientAddress other && java.util.Objects.equals(key(), other.key());
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(key());
    }

    @Override
    public String toString() {
        return address == null ? "unknown" : address.getHostAddress();
    }
}
