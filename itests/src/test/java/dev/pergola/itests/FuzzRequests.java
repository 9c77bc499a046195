package dev.pergola.itests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generated requests for one operation: edge path parameters, declared and list query parameters
 * ({@code page}, {@code per_page}, {@code sort}, {@code fields}, {@code search}, {@code filter[x][op]}), odd
 * headers and bodies from {@link FuzzBodies}, under a plausible or a wrong content type.
 */
final class FuzzRequests {
    /** A request as it goes on the wire; the caller's credentials are added when it is sent. */
    record FuzzRequest(String operation, String identity, String method, String target, List<String[]> headers,
            byte[] body, String strategy) {
        String describe() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            String shown = text.length() > 160 ? text.substring(0, 160) + "…(" + body.length + " bytes)" : text;
            StringBuilder sb = new StringBuilder(identity).append(": ").append(method).append(' ')
                    .append(target.length() > 200 ? target.substring(0, 200) + "…(" + target.length() + " chars)" : target);
            headers.forEach(h -> sb.append(" [").append(h[0]).append(": ")
                    .append(h[1].length() > 60 ? h[1].substring(0, 60) + "…" : h[1]).append(']'));
            return sb.append(body == null ? "" : " body(" + strategy + ")=" + shown).toString();
        }
    }

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    private static final List<String> OPERATORS = List.of("eq", "ne", "gt", "gte", "lt", "lte", "like", "in", "between",
            "bogus", "", "EQ", "eq]");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "application/json; charset=nope", "application/json; charset=utf-16",
            "application/json;charset=\"utf-8\"", "*/*", "application/json, text/plain", "", "multipart/form-data",
            "application/octet-stream", "application/json; charset=");

    private final FuzzValues values;
    private final FuzzBodies bodies;
    private final List<String> fieldNames;
    private final BiFunction<String, String, List<String>> realIds;

    /**
     * {@code realIds}: (operation path, parameter name) → placeholders for ids of throw-away objects worth hitting,
     * replaced when the request is sent (so the plan itself does not depend on ids the server generated).
     */
    FuzzRequests(FuzzValues values, FuzzBodies bodies, List<String> fieldNames, BiFunction<String, String, List<String>> realIds) {
        this.values = values;
        this.bodies = bodies;
        this.fieldNames = fieldNames;
        this.realIds = realIds;
    }

    FuzzRequest next(FuzzSpec.Operation op, String identity) {
        StringBuilder target = new StringBuilder();
        Matcher m = TEMPLATE.matcher(op.path());
        while (m.find()) {
            m.appendReplacement(target, Matcher.quoteReplacement(values.pathSegment(realIds.apply(op.path(), m.group(1)))));
        }
        m.appendTail(target);
        List<String> query = new ArrayList<>();
        for (FuzzSpec.Param p : op.params()) {
            if (p.in().equals("query") && values.chance(0.6)) {
                // names such as filter[status] come from the list spec: brackets encoded as a client would
                query.add(FuzzValues.encode(p.name()) + "=" + values.queryValue(p.schema().path("type").asText("string")));
            }
        }
        if (op.method().equals("GET") && values.chance(0.6)) {
            for (int i = 1 + values.random().nextInt(4); i > 0; i--) {
                query.add(listParameter());
            }
        }
        if (values.chance(0.05)) {
            query.add(FuzzValues.encode(values.edgeString()) + "=" + FuzzValues.encode(values.edgeString()));
        }
        if (!query.isEmpty()) {
            target.append('?').append(String.join("&", query));
        }
        List<String[]> headers = new ArrayList<>();
        if (values.chance(0.1)) {
            headers.add(new String[] {"Accept", values.pick(List.of("application/xml", "text/html", "*/*", "image/png",
                    "application/json;q=0", "garbage"))});
        }
        if (values.chance(0.05)) {
            headers.add(new String[] {"X-Request-ID", values.pick(List.of("x".repeat(300), "<script>", "ü-ä", "", "a b"))});
        }
        byte[] body = null;
        String strategy = null;
        boolean wantsBody = op.hasBody() || (!op.method().equals("GET") && values.chance(0.15));
        if (wantsBody) {
            boolean binary = op.mediaType() != null && !op.mediaType().contains("json");
            FuzzBodies.Body b = binary ? bodies.binaryBody(op.body()) : bodies.jsonBody(op.body());
            body = b.bytes();
            strategy = b.strategy();
            String declared = op.mediaType() == null ? "application/json" : op.mediaType();
            if (binary && declared.startsWith("multipart/") && values.chance(0.7)) {
                declared = "multipart/form-data; boundary=fuzz";
            }
            String contentType = values.chance(0.12) ? values.pick(CONTENT_TYPES) : declared;
            if (contentType != null && !(contentType.isEmpty() && values.chance(0.5))) {
                headers.add(new String[] {"Content-Type", contentType});
            }
        }
        return new FuzzRequest(op.label(), identity, op.method(), target.toString(), headers, body, strategy);
    }

    private String listParameter() {
        String field = values.chance(0.8) ? values.pick(fieldNames) : values.pick(List.of("password_hash", "roles.name",
                "1=1", "", values.word(4)));
        String other = values.pick(fieldNames);
        return switch (values.random().nextInt(8)) {
            case 0 -> "page=" + values.pick(List.of("1", "2", "0", "-1", "abc", "99999999999", "1.5", "", "2147483648"));
            case 1 -> "per_page=" + values.pick(List.of("1", "20", "100", "101", "0", "-5", "1000000", "x", ""));
            case 2 -> "sort=" + FuzzValues.encode(values.pick(List.of(field, "-" + field, field + "," + other, ",", "-", "",
                    "+" + field, field + ";drop", "--" + field)));
            case 3 -> "fields=" + FuzzValues.encode(values.pick(List.of(field, field + "," + other, "*", "", ",,,", "id,id")));
            case 4 -> "search=" + FuzzValues.encode(values.chance(0.5) ? values.word(5) : values.edgeString());
            case 5 -> "filter%5B" + FuzzValues.encode(field) + "%5D%5B" + FuzzValues.encode(values.pick(OPERATORS)) + "%5D="
                    + FuzzValues.encode(filterValue());
            case 6 -> "filter[" + FuzzValues.encode(field) + "]=" + FuzzValues.encode(filterValue());
            default -> values.pick(List.of("filter[", "filter]x[=1", "filter[a][b][c]=1", "filter=1", "filter[]=1",
                    "page=1&page=2", "sort", "&&&", "per_page=1&per_page=100", "filter[id][in]=" + ",".repeat(500)));
        };
    }

    private String filterValue() {
        return switch (values.random().nextInt(5)) {
            case 0 -> values.word(6);
            case 1 -> values.uuid() + "," + values.uuid();
            case 2 -> values.pick(List.of("2024-01-01T00:00:00Z", "2024-13-45", "yesterday", "1,2", "true", "%", "_"));
            case 3 -> values.pick(FuzzValues.EDGE_NUMBERS);
            default -> values.edgeString();
        };
    }

    /** A short hash of a plan: the same seed gives the same requests, so the same fingerprint on every run. */
    static String fingerprint(List<FuzzRequest> requests) {
        StringBuilder sb = new StringBuilder();
        for (FuzzRequest r : requests) {
            sb.append(r.describe()).append('\n');
        }
        return Integer.toHexString(sb.toString().hashCode());
    }
}
