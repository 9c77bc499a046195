package dev.pergola.audit.internal.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The field-level difference of two JSON values: objects are walked (nested fields as dotted paths), anything else
 * (strings, numbers, lists) is compared whole. Fields come in the order of {@code before}, then the new ones.
 */
public final class Changes {
    private Changes() {
    }

    public static List<AuditRecordView.Change> between(Object before, Object after) {
        Map<String, Object> old = new LinkedHashMap<>();
        Map<String, Object> now = new LinkedHashMap<>();
        flatten("", before, old);
        flatten("", after, now);
        Set<String> fields = new LinkedHashSet<>(old.keySet());
        fields.addAll(now.keySet());
        List<AuditRecordView.Change> changes = new ArrayList<>();
        for (String field : fields) {
            Object a = old.get(field);
            Object b = now.get(field);
            if (!Objects.equals(a, b)) {
                changes.add(new AuditRecordView.Change(field, a, b));
            }
        }
        return changes;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map && (!map.isEmpty() || prefix.isEmpty())) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, into));
        } else if (value != null && !prefix.isEmpty()) {
            into.put(prefix, value);
        } else if (value != null) {
            into.put("value", value); // a scalar state (a string, a list) compared as a whole
        }
    }
}
