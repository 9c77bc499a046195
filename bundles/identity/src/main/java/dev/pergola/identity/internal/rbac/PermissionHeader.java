package dev.pergola.identity.internal.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses {@code Pergola-Permissions: acme.notes.view;description="View notes", acme.notes.manage}
 * (OSGi header syntax: clauses split on commas outside quotes, attributes after semicolons).
 */
final class PermissionHeader {
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)+");

    record Declared(String name, String description) {
    }

    private PermissionHeader() {
    }

    /** @throws IllegalArgumentException naming the first malformed permission */
    static List<Declared> parse(String header) {
        Map<String, Declared> result = new LinkedHashMap<>();
        for (String clause : split(header, ',')) {
            if (clause.isBlank()) {
                continue;
            }
            List<String> parts = split(clause, ';');
            String name = parts.get(0).trim();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a permission name (lower case, dotted: area.thing.action)");
            }
            String description = null;
            for (String attribute : parts.subList(1, parts.size())) {
                int eq = attribute.indexOf('=');
                if (eq > 0 && attribute.substring(0, eq).trim().equals("description")) {
                    description = unquote(attribute.substring(eq + 1).trim());
                }
            }
            result.put(name, new Declared(name, description));
        }
        return new ArrayList<>(result.values());
    }

    private static List<String> split(String text, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
