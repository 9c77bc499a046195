package dev.pergola.identity.internal.client;

import java.net.InetAddress;

/** An address or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}, {@code 192.168.1.7}). */
final class AddressRange {
    private final byte[] network;
    private final int prefixBits;

    private AddressRange(byte[] network, int prefixBits) {
        this.network = network;
        this.prefixBits = prefixBits;
    }

    static AddressRange parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        InetAddress base = ClientAddress.parseInet(slash < 0 ? s : s.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("Not an IP address or CIDR block: '" + text + "'"));
        int max = base.getAddress().length * 8;
        int bits;
        try {
            bits = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad prefix length in '" + text + "'", e);
        }
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("Prefix length out of range in '" + text + "'");
        }
        return new AddressRange(base.getAddress(), bits);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int whole = prefixBits / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[whole] & mask) == (network[whole] & mask);
    }
}
