package dev.pergola.itests;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Edge and plausible values for path segments, query parameters and JSON fields; all randomness from the caller's seed. */
final class FuzzValues {
    /** Strings that break naive code: injections, control characters, unicode oddities, lookalikes of other types. */
    static final List<String> EDGE_STRINGS = List.of("", " ", "0", "-1", "null", "true", "undefined", "NaN",
            "' OR '1'='1", "\"; DROP TABLE pergola_users; --", "<script>alert(1)</script>", "../../../../etc/passwd",
            "..\\..\\windows\\win.ini", "%s%s%s%n", "${jndi:ldap://127.0.0.1:1/x}", "#{7*7}", "\u0000", "a\u0000b",
            "ünïcødé ✓ 😀", "\u202Egnp.exe", "A\u0301\u0302\u0303", "\r\nX-Injected: 1", "*", "\\", "{}", "[]",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\uFEFFbom", "日本語テキスト", "\uD83D", "ß".repeat(40), "x".repeat(255), "y".repeat(256));

    /** Numbers out of every range a field might have, as JSON literals. */
    static final List<String> EDGE_NUMBERS = List.of("0", "-1", "2147483647", "2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e308", "1e309", "-1e309", "0.5",
            "-0.0", "1e-400", "123456789012345678901234567890");

    /** Path-segment values as they go on the wire (already percent-encoded where needed). */
    private static final List<String> EDGE_SEGMENTS = List.of("0", "-1", "99999999999999999999", "null", "%00", "a%00b",
            "%2F", "a%2Fb", "%2e%2e", "..;", "%3B", "%25", "%27%20OR%20%271%27%3D%271", "%3Cscript%3E", "%C3%BC%F0%9F%98%80",
            "%FF%FE", "%C0%AF", "~", "%20", "*", "admin", "me", "current", "x.json", "a;b=c", "%0D%0AX-Injected:%201");

    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Random random;

    FuzzValues(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    String word(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return sb.toString();
    }

    /** More than 10,000 characters: longer than any column. */
    String longString() {
        return word(10_001 + random.nextInt(10_000));
    }

    String unicode() {
        return pick(List.of("ünïcødé ✓ 😀", "\u202Eevil\u202C", "Ǆǅǆ ﬃ ẞ", "\u0000\u0001\u001F", "\uD83D\uDE00".repeat(30),
                "مرحبا بالعالم", "\uD800", "e\u0301\u0301\u0301\u0301", "\uFFFF\uFFFE"));
    }

    /** Any string: mostly edge values, sometimes long or unicode. */
    String edgeString() {
        int roll = random.nextInt(10);
        return roll == 0 ? longString() : roll == 1 ? unicode() : pick(EDGE_STRINGS);
    }

    /**
     * A value for a path parameter, percent-encoded: a real id of a throw-away object from {@code realIds}, a
     * random UUID, or an edge value (NUL, encoded slash, dot segments, huge numbers, a 10k-character segment).
     */
    String pathSegment(List<String> realIds) {
        int roll = random.nextInt(10);
        if (roll < 2 && !realIds.isEmpty()) {
            return pick(realIds);
        }
        if (roll < 4) {
            return uuid().toString();
        }
        if (roll == 4) {
            return encode(edgeString());
        }
        if (roll == 5 && chance(0.2)) {
            return word(10_001);
        }
        return pick(EDGE_SEGMENTS);
    }

    /** A query value for a declared parameter of the given JSON-schema type, plausible or not. */
    String queryValue(String type) {
        if (chance(0.4)) {
            return encode(switch (type) {
                case "integer" -> Integer.toString(random.nextInt(200) - 20);
                case "boolean" -> random.nextBoolean() ? "true" : "false";
                default -> word(1 + random.nextInt(12));
            });
        }
        return chance(0.5) ? encode(pick(EDGE_NUMBERS)) : encode(edgeString());
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters (UTF-8; lone surrogates become '?'). */
    static String encode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return sb.toString();
    }
}
