package dev.pergola.audit.internal.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;

/**
 * A list request on the audit trail: the platform's list language, plus one convenience it lacks: an action filter
 * ending in {@code .*} ({@code filter[action]=user.*}) matches the whole family of actions, as webhook patterns do.
 *
 * @param actionPrefix {@code user.} for {@code user.*}; null when the action filter is exact or absent
 */
public record AuditQuery(ListQuery query, String actionPrefix) {
    private static final List<String> ACTION_KEYS = List.of("filter[action]", "filter[action][eq]");

    public static AuditQuery parse(ListQueryParser parser, Map<String, List<String>> params) {
        Map<String, List<String>> rest = new LinkedHashMap<>(params);
        String prefix = null;
        for (String key : ACTION_KEYS) {
            List<String> values = rest.get(key);
            if (values != null && values.size() == 1 && values.get(0).endsWith("*")) {
                rest.remove(key);
                String pattern = values.get(0);
                prefix = pattern.equals("*") ? null : pattern.substring(0, pattern.length() - 1);
            }
        }
        return new AuditQuery(parser.parse(rest, AuditRecords.LIST), prefix);
    }
}
