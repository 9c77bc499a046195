package dev.pergola.api.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A validated list request: what {@link ListQueryParser} makes of the query string. */
public record ListQuery(int page, int perPage, List<Sort> sorts, List<Filter> filters, String search,
        Set<String> fields, ListSpec spec) {

    /** Sort key; {@code field} is the spec's field. */
    public record Sort(ListSpec.Field field, boolean descending) {
    }

    /** One filter; values are already converted to the field's type (String, Integer, Long, BigDecimal, Boolean, Instant, UUID). */
    public record Filter(ListSpec.Field field, Operator operator, List<Object> values) {
    }

    public ListQuery {
        sorts = List.copyOf(sorts);
        filters = List.copyOf(filters);
        fields = Set.copyOf(fields);
    }

    public int offset() {
        return (page - 1) * perPage;
    }

    /** Sparse fieldsets: keeps only the requested fields (and {@code id}) of one item; all of them when none were asked. */
    public Map<String, Object> project(Map<String, Object> item) {
        if (fields.isEmpty()) {
            return item;
        }
        Map<String, Object> selected = new LinkedHashMap<>();
        item.forEach((k, v) -> {
            if (k.equals("id") || fields.contains(k)) {
                selected.put(k, v);
            }
        });
        return selected;
    }
}
