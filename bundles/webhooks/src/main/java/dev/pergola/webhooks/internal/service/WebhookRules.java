package dev.pergola.webhooks.internal.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a valid subscription is, checked when it is created or changed: an absolute http(s) URL without credentials
 * or fragment, event patterns ({@code user.created}, {@code user.*}, {@code *}), lengths that fit the columns. Where
 * the URL may point is decided at delivery time, on the resolved address ({@code AddressGuard}).
 */
final class WebhookRules {
    static final int MAX_URL = 2000;
    static final int MAX_EVENTS = 2000;
    static final int MAX_DESCRIPTION = 500;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 200;
    private static final Pattern EVENT = Pattern.compile("\\*|[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*\\.\\*"
            + "|[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    String url(String url) {
        if (url == null || url.isBlank()) {
            return add("url", "is required");
        }
        String u = url.strip();
        if (u.length() > MAX_URL) {
            return add("url", "at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            return add("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return add("url", "must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return add("url", "has no host");
        }
        if (uri.getRawUserInfo() != null) {
            return add("url", "must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            return add("url", "must not have a #fragment");
        }
        return u;
    }

    List<String> events(List<String> events) {
        if (events == null || events.isEmpty()) {
            add("events", "name at least one event type, a wildcard such as user.* or *");
            return List.of();
        }
        List<String> clean = new ArrayList<>();
        for (String e : events) {
            String p = e == null ? "" : e.strip();
            if (!EVENT.matcher(p).matches()) {
                add("events", "'" + p + "' is not an event type, a prefix wildcard such as user.* or *");
            } else if (!clean.contains(p)) {
                clean.add(p);
            }
        }
        if (String.join(",", clean).length() > MAX_EVENTS) {
            add("events", "at most " + MAX_EVENTS + " characters in all");
        }
        return clean;
    }

    String description(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        String d = description.strip();
        return d.length() > MAX_DESCRIPTION ? add("description", "at most " + MAX_DESCRIPTION + " characters") : d;
    }

    void secret(String secret) {
        if (secret != null && (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET)) {
            add("secret", "between " + MIN_SECRET + " and " + MAX_SECRET + " characters");
        }
    }

    Map<String, List<String>> problems() {
        return problems;
    }

    private String add(String field, String problem) {
        problems.computeIfAbsent(field, k -> new ArrayList<>()).add(problem);
        return null;
    }
}
