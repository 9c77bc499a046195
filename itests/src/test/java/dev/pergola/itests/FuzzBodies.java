package dev.pergola.itests;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Request bodies derived from a request schema: plausible ones, and the same with wrong types, missing or extra
 * fields, strings over 10k characters, unicode, nulls, deep nesting, numbers out of range, non-objects and
 * malformed JSON. Values are JSON text, so literals Jackson would never write ({@code 1e309}) go out as they are.
 */
final class FuzzBodies {
    record Body(String strategy, byte[] bytes) {
    }

    static final List<String> STRATEGIES = List.of("valid", "wrong-types", "missing-fields", "extra-fields",
            "long-strings", "unicode", "nulls", "deep-nesting", "out-of-range", "not-an-object", "malformed", "empty");

    /**
     * Install URLs that cannot reach anything outside this machine nor hang: whatever the fuzzer puts in a
     * {@code url} field is one of these (no {@code mvn:} — its resolver also tries remote repositories).
     */
    static final List<String> SAFE_URLS = List.of("file:/nonexistent/fuzz.jar", "file:/etc/hostname", "file:fuzz.jar",
            "http://127.0.0.1:1/fuzz.jar", "ftp://127.0.0.1:1/fuzz.jar", "jar:file:/nonexistent!/", "not a url", "",
            "javascript:alert(1)", "file:../../../../etc/hosts", "FILE:/NONEXISTENT");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FuzzSpec spec;
    private final FuzzValues values;
    /** Plausible values for fields by name (e.g. {@code username} → the throw-away account's). */
    private final Map<String, String> known;

    FuzzBodies(FuzzSpec spec, FuzzValues values, Map<String, String> known) {
        this.spec = spec;
        this.values = values;
        this.known = known;
    }

    Body jsonBody(JsonNode schema) {
        String strategy = values.pick(STRATEGIES);
        Map<String, JsonNode> properties = properties(schema);
        Map<String, String> fields = new LinkedHashMap<>();
        properties.forEach((name, s) -> fields.put(name, plausible(name, s, 0)));
        switch (strategy) {
            case "wrong-types" -> fields.replaceAll((name, v) -> values.chance(0.6) ? wrongType(properties.get(name)) : v);
            case "missing-fields" -> fields.keySet().removeIf(k -> values.chance(0.6));
            case "extra-fields" -> {
                fields.put(values.pick(List.of("roles", "is_admin", "id", "status", "password_hash", "__proto__",
                        "constructor", "class", "@class", values.word(6))), values.pick(List.of("[\"admin\"]", "true",
                        "\"" + values.uuid() + "\"", "\"active\"", "{\"polluted\":true}",
                        "[\"java.lang.ProcessBuilder\",{}]")));
            }
            case "long-strings" -> replaceSome(fields, () -> quote(values.longString()));
            case "unicode" -> replaceSome(fields, () -> quote(values.unicode()));
            case "nulls" -> {
                if (values.chance(0.3)) {
                    return new Body(strategy, bytes("null"));
                }
                replaceSome(fields, () -> "null");
            }
            case "deep-nesting" -> {
                String deep = deep(values.pick(List.of(64, 1_000, 5_000, 20_000)));
                if (fields.isEmpty() || values.chance(0.3)) {
                    return new Body(strategy, bytes(deep));
                }
                replaceSome(fields, () -> deep);
            }
            case "out-of-range" -> replaceSome(fields, () -> values.pick(FuzzValues.EDGE_NUMBERS));
            case "not-an-object" -> {
                return new Body(strategy, bytes(values.pick(List.of("[]", "[" + object(fields) + "]", "\"text\"", "42",
                        "true", "null", "[null]", "[[]]"))));
            }
            case "malformed" -> {
                return new Body(strategy, malformed(object(fields)));
            }
            case "empty" -> {
                return new Body(strategy, new byte[0]);
            }
            default -> {
                // valid: as plausible as the schema allows
            }
        }
        sandbox(fields);
        return new Body(strategy, bytes(object(fields)));
    }

    /** Bytes for an upload endpoint (jar, zip, multipart): junk, a truncated zip, or a JSON body. */
    Body binaryBody(JsonNode schema) {
        int roll = values.random().nextInt(4);
        if (roll == 0) {
            byte[] junk = new byte[values.random().nextInt(4096)];
            values.random().nextBytes(junk);
            return new Body("random-bytes", junk);
        }
        if (roll == 1) {
            byte[] zip = new byte[30 + values.random().nextInt(200)];
            values.random().nextBytes(zip);
            System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, zip, 0, 4);
            return new Body("truncated-zip", zip);
        }
        if (roll == 2) {
            return new Body("multipart-junk", bytes("--fuzz\r\nContent-Disposition: form-data; name=\"file\"; "
                    + "filename=\"../../x.jar\"\r\n\r\nnot a jar\r\n--fuzz--\r\n"));
        }
        return jsonBody(schema);
    }

    private Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.resolve(schema).path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            properties.put(e.getKey(), e.getValue());
        }
        return properties;
    }

    private String plausible(String name, JsonNode schema, int depth) {
        JsonNode s = spec.resolve(schema);
        String type = s.path("type").asText("");
        if (s.has("enum")) {
            return quote(values.pick(listOf(s.path("enum"))));
        }
        return switch (type) {
            case "integer" -> Integer.toString(values.random().nextInt(100));
            case "number" -> Double.toString(values.random().nextDouble() * 100);
            case "boolean" -> Boolean.toString(values.random().nextBoolean());
            case "array" -> array(name, s.path("items"), depth);
            case "object" -> depth > 3 ? "{}" : nested(s, depth);
            case "string" -> quote(plausibleString(name, s.path("format").asText("")));
            default -> values.chance(0.5) ? quote(plausibleString(name, "")) : "{\"key\":\"value\"}";
        };
    }

    private String nested(JsonNode schema, int depth) {
        Map<String, String> fields = new LinkedHashMap<>();
        properties(schema).forEach((n, s) -> fields.put(n, plausible(n, s, depth + 1)));
        if (fields.isEmpty()) {
            fields.put(values.word(5), quote(values.word(5)));
        }
        return object(fields);
    }

    private String array(String name, JsonNode items, int depth) {
        if (name.equals("roles")) {
            return values.pick(List.of("[]", "[\"user\"]", "[\"no-such-role\"]"));
        }
        if (name.equals("permissions") || name.equals("scopes")) {
            return values.pick(List.of("[]", "[\"admin.monitoring.view\"]", "[\"admin.users.view\",\"no.such.permission\"]"));
        }
        List<String> elements = new ArrayList<>();
        for (int i = values.random().nextInt(3); i > 0; i--) {
            elements.add(plausible(name, items, depth + 1));
        }
        return "[" + String.join(",", elements) + "]";
    }

    private String plausibleString(String name, String format) {
        if (known.containsKey(name) && values.chance(0.5)) {
            return known.get(name);
        }
        String word = values.word(8);
        if (format.equals("uuid") || name.equals("id") || name.endsWith("_id")) {
            return values.uuid().toString();
        }
        if (format.equals("date-time") || name.endsWith("_at")) {
            return Instant.ofEpochSecond(1_700_000_000L + values.random().nextInt(100_000_000)).toString();
        }
        if (name.contains("email")) {
            return "fuzz-" + word + "@example.test";
        }
        if (name.contains("password")) {
            return "fuzz-password-" + word;
        }
        if (name.equals("url")) {
            return values.pick(SAFE_URLS);
        }
        if (name.equals("locale")) {
            return values.pick(List.of("en", "de", "fr-CH", "xx", "en_US"));
        }
        if (name.equals("timezone")) {
            return values.pick(List.of("UTC", "Europe/Paris", "America/Argentina/Buenos_Aires"));
        }
        return "fuzz-" + word;
    }

    private String wrongType(JsonNode schema) {
        String type = schema == null ? "" : spec.resolve(schema).path("type").asText("");
        List<String> candidates = new ArrayList<>(List.of("\"text\"", "42", "-1.5", "true", "[]", "{}", "[1,2]", "{\"a\":{}}"));
        candidates.removeIf(c -> switch (type) {
            case "string" -> c.startsWith("\"");
            case "integer", "number" -> Character.isDigit(c.charAt(c.charAt(0) == '-' ? 1 : 0));
            case "boolean" -> c.equals("true");
            case "array" -> c.startsWith("[");
            case "object" -> c.startsWith("{");
            default -> false;
        });
        return values.pick(candidates);
    }

    private void replaceSome(Map<String, String> fields, java.util.function.Supplier<String> replacement) {
        if (fields.isEmpty()) {
            fields.put(values.word(6), replacement.get());
            return;
        }
        if (values.chance(0.7)) {
            // one bad field among plausible ones gets furthest: past validation of the others, into the service
            List<String> names = new ArrayList<>(fields.keySet());
            fields.put(values.pick(names), replacement.get());
            return;
        }
        boolean replaced = false;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (values.chance(0.5)) {
                e.setValue(replacement.get());
                replaced = true;
            }
        }
        if (!replaced) {
            fields.entrySet().iterator().next().setValue(replacement.get());
        }
    }

    /** Keeps string {@code url} fields on {@link #SAFE_URLS} whatever the strategy put there. */
    private void sandbox(Map<String, String> fields) {
        fields.computeIfPresent("url", (k, v) -> v.startsWith("\"") ? quote(values.pick(SAFE_URLS)) : v);
    }

    private String deep(int depth) {
        boolean arrays = values.random().nextBoolean();
        StringBuilder sb = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            sb.append(arrays ? "[" : "{\"a\":");
        }
        sb.append("1");
        for (int i = 0; i < depth; i++) {
            sb.append(arrays ? "]" : "}");
        }
        return sb.toString();
    }

    private byte[] malformed(String object) {
        String cut = object.length() > 2 ? object.substring(0, 1 + values.random().nextInt(object.length() - 1)) : "{";
        Object choice = values.pick(List.of(cut, "{\"a\":1,}", "{'a':1}", "{a:1}", "{\"a\":1}}", "{\"a\":1} trailing",
                "\uFEFF" + object, "{\"a\":1 /* comment */}", "{\"a\":\"\\x\"}", "{\"a\":NaN}", "{\"a\":01}",
                "{\"a\":1,\"a\":2}", "{\"a\":\"\u0001\"}", " ".repeat(5000), "{\"a\":" + "9".repeat(5000) + "}",
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}, new byte[] {(byte) 0xFF, (byte) 0xFE, '{', '}'}));
        return choice instanceof byte[] b ? b : bytes((String) choice);
    }

    private static String object(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(quote(k)).append(':').append(v));
        return sb.append('}').toString();
    }

    private static List<String> listOf(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list.isEmpty() ? List.of("") : list;
    }

    static String quote(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
