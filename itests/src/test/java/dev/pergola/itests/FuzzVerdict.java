package dev.pergola.itests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What every answer must satisfy, and the tally: no 5xx, no stack trace or internal class name in a body, every
 * 4xx/5xx a JSON envelope {@code {"error":{"code","message","request_id","timestamp"}}}, {@code X-Request-ID} on
 * every answer. Failures are grouped by (kind, operation, status, first 120 characters of the body).
 */
final class FuzzVerdict {
    static final List<String> STACK_TRACE_MARKS = List.of("at dev.", "Exception", ".java:");
    /**
     * Internal names: any {@code org.apache.}, {@code org.eclipse.jetty}, {@code com.fasterxml} text, and qualified
     * class names under {@code dev.pergola.} or {@code javax.} ({@code dev.pergola.identity.internal.rest.AuthResource},
     * {@code javax.servlet.ServletException}) — not a lower-case configuration PID such as {@code dev.pergola.plugins},
     * which an error may name so that an administrator knows which setting to change.
     */
    static final java.util.regex.Pattern CLASS_NAME = java.util.regex.Pattern.compile(
            "org\\.apache\\.|org\\.eclipse\\.jetty|com\\.fasterxml|\\b(dev\\.pergola|javax)(\\.[a-z_][\\w$]*)*\\.[A-Z][\\w$]*");

    private record Group(String kind, String operation, int status, String body) {
    }

    /** A failure class across operations: same kind, status and body once ids and numbers are masked. */
    private record Cause(String kind, int status, String body) {
    }

    private static final java.util.regex.Pattern UUID_LIKE =
            java.util.regex.Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Group, Integer> counts = new LinkedHashMap<>();
    private final Map<Group, String> examples = new LinkedHashMap<>();
    private final Map<Cause, java.util.Set<String>> causeOperations = new LinkedHashMap<>();
    private final Map<Cause, Integer> causeCounts = new LinkedHashMap<>();
    private final Map<Cause, String> causeExamples = new LinkedHashMap<>();
    private final Map<String, Integer> kinds = new TreeMap<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final Map<String, Integer> identities = new TreeMap<>();
    private int requests;

    /** Records one exchange; returns the kinds of failure it showed (empty when it was fine). */
    List<String> record(FuzzRequests.FuzzRequest request, RawHttp.Answer answer) {
        requests++;
        statuses.merge(answer.status(), 1, Integer::sum);
        identities.merge(request.identity(), 1, Integer::sum);
        List<String> failed = judge(request.identity(), answer);
        if (failed.isEmpty()) {
            return failed;
        }
        failed.forEach(kind -> kinds.merge(kind, 1, Integer::sum));
        String kind = String.join("+", failed);
        String body = answer.status() == 0 ? answer.failure() : answer.body();
        Group group = new Group(kind, request.operation(), answer.status(), oneLine(mask(body), 120));
        counts.merge(group, 1, Integer::sum);
        examples.putIfAbsent(group, request.describe());
        Cause cause = new Cause(kind, answer.status(), oneLine(mask(body), 120));
        causeCounts.merge(cause, 1, Integer::sum);
        causeOperations.computeIfAbsent(cause, c -> new java.util.TreeSet<>()).add(request.operation());
        causeExamples.putIfAbsent(cause, request.describe());
        return failed;
    }

    static List<String> judge(String identity, RawHttp.Answer answer) {
        List<String> failed = new ArrayList<>();
        if (answer.status() == 0) {
            failed.add("no-response");
            return failed;
        }
        // 505 is the protocol's answer to "HTTP/9.9", decided by Jetty's parser: right, though not 4xx (it must
        // still come in the envelope)
        if (answer.status() >= 500 && answer.status() != 505) {
            failed.add("5xx");
        }
        String body = answer.body();
        String contentType = String.valueOf(answer.header("Content-Type"));
        boolean error = answer.status() >= 400;
        // an administrator may see bundle names in a successful diagnostic answer; nobody sees them in an error
        boolean checkLeaks = error || (!identity.equals("admin") && contentType.startsWith("application/json"));
        if (checkLeaks && STACK_TRACE_MARKS.stream().anyMatch(body::contains)) {
            failed.add("stack-trace");
        }
        if (checkLeaks && CLASS_NAME.matcher(body).find()) {
            failed.add("class-name");
        }
        if (error && !(contentType.startsWith("application/json") && isEnvelope(body))) {
            failed.add("not-envelope");
        }
        if (answer.header("X-Request-ID") == null) {
            failed.add("no-request-id");
        }
        return failed;
    }

    static boolean isEnvelope(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return List.of("code", "message", "request_id", "timestamp").stream()
                    .allMatch(f -> error.path(f).isTextual() && !error.path(f).asText().isEmpty());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    boolean clean() {
        return counts.isEmpty();
    }

    int failures(String kind) {
        return kinds.getOrDefault(kind, 0);
    }

    /** The figures: requests, per status, per caller, per failure kind. */
    String figures() {
        int fiveHundreds = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
        return "requests=" + requests + " 5xx=" + fiveHundreds + " not-envelope=" + failures("not-envelope")
                + " class-name-leaks=" + failures("class-name") + " stack-traces=" + failures("stack-trace")
                + " no-request-id=" + failures("no-request-id") + " no-response=" + failures("no-response")
                + "\n  per status: " + statuses + "\n  per caller: " + identities;
    }

    /** The failure groups, largest first, each with one request that shows it. */
    String summary(int maxGroups) {
        StringBuilder sb = new StringBuilder();
        sb.append(counts.size()).append(" failure groups by operation (kinds | operation | status | count | body):\n");
        List<Map.Entry<Group, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<Group, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(e -> e.getKey().kind() + e.getKey().operation()));
        int shown = 0;
        for (Map.Entry<Group, Integer> e : sorted) {
            if (shown++ == maxGroups) {
                sb.append("  … ").append(sorted.size() - maxGroups).append(" more groups\n");
                break;
            }
            Group g = e.getKey();
            sb.append(String.format("  %-30s | %-42s | %3d | %5d | %s%n", g.kind(), g.operation(), g.status(), e.getValue(), g.body()));
            sb.append("      e.g. ").append(oneLine(examples.get(g), 400)).append('\n');
        }
        return sb.toString();
    }

    /**
     * The failure classes, largest first: kind, status, masked body, how many answers and operations, and one
     * request that shows it — what to fix, each once.
     */
    String causes() {
        StringBuilder sb = new StringBuilder();
        sb.append(causeCounts.size()).append(" failure classes (kinds | status | answers | operations | body):\n");
        List<Map.Entry<Cause, Integer>> sorted = new ArrayList<>(causeCounts.entrySet());
        sorted.sort(Map.Entry.<Cause, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(e -> e.getKey().kind() + e.getKey().body()));
        for (Map.Entry<Cause, Integer> e : sorted) {
            Cause c = e.getKey();
            java.util.Set<String> ops = causeOperations.get(c);
            sb.append(String.format("  %-30s | %3d | %5d | %3d | %s%n", c.kind(), c.status(), e.getValue(), ops.size(), c.body()));
            sb.append("      e.g. ").append(oneLine(causeExamples.get(c), 400)).append('\n');
            sb.append("      operations: ").append(oneLine(String.join(", ", ops), 400)).append('\n');
        }
        return sb.toString();
    }

    /** Masks what differs between answers of the same cause: ids and numbers. */
    static String mask(String body) {
        return UUID_LIKE.matcher(String.valueOf(body)).replaceAll("<id>").replaceAll("(?<![A-Za-z])\\d+", "<n>");
    }

    static String oneLine(String text, int max) {
        String flat = String.valueOf(text).replaceAll("\\s+", " ").trim();
        return flat.length() > max ? flat.substring(0, max) : flat;
    }
}
