package dev.pergola.identity.internal.client;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * Which peers may speak for the client in {@code X-Forwarded-For}. Each trusted proxy appends the address it
 * received the request from, so the header is read from the right: skip trusted hops, and the first untrusted
 * one is the client. Anything a client wrote itself sits to the left of that and is never believed.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<AddressRange> ranges;

    private TrustedProxies(List<AddressRange> ranges) {
        this.ranges = ranges;
    }

    /** @throws IllegalArgumentException naming the entry that is neither an address nor a CIDR block */
    public static TrustedProxies of(String... entries) {
        List<AddressRange> ranges = new ArrayList<>();
        if (entries != null) {
            for (String entry : entries) {
                for (String part : entry.split(",")) {
                    if (!part.isBlank()) {
                        ranges.add(AddressRange.parse(part));
                    }
                }
            }
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean trusts(ClientAddress address) {
        Optional<InetAddress> inet = address.inet();
        return inet.isPresent() && ranges.stream().anyMatch(r -> r.contains(inet.get()));
    }

    /**
     * @param peer         the socket's remote address ({@code getRemoteAddr()})
     * @param forwardedFor every {@code X-Forwarded-For} header value in order (may be empty)
     */
    public ClientAddress resolve(String peer, List<String> forwardedFor) {
        ClientAddress current = ClientAddress.parse(peer).orElse(ClientAddress.UNKNOWN);
        if (ranges.isEmpty() || !trusts(current)) {
            return current;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<ClientAddress> hop = ClientAddress.parse(hops.get(i));
            if (hop.isEmpty()) {
                return current; // garbage where an address belongs: stop at the last hop we could read
            }
            current = hop.get();
            if (!trusts(current)) {
                return current;
            }
        }
        return current;
    }

    public static List<String> headerValues(Enumeration<String> values) {
        List<String> list = new ArrayList<>();
        while (values != null && values.hasMoreElements()) {
            list.add(values.nextElement());
        }
        return list;
    }
}
