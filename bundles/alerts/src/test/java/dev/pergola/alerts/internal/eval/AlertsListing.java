package dev.pergola.alerts.internal.eval;

import java.util.List;
import java.util.Map;

import dev.pergola.alerts.internal.store.AlertStore;
import dev.pergola.alerts.internal.store.RuleStore;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.Operator;

/** List queries as the shared parser would make them, for the tests (the parser lives in the REST bundle). */
final class AlertsListing {
    private AlertsListing() {
    }

    static ListQuery all() {
        return query(AlertStore.LIST, Map.of());
    }

    /** One equality filter on the rules list, e.g. {@code filter[enabled]=false}. */
    static ListQuery rules(String param, String value) {
        String field = param.substring("filter[".length(), param.length() - 1);
        Object v = value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : value;
        return query(RuleStore.LIST, Map.of(field, v));
    }

    private static ListQuery query(ListSpec spec, Map<String, Object> equal) {
        List<ListQuery.Filter> filters = equal.entrySet().stream()
                .map(e -> new ListQuery.Filter(spec.field(e.getKey()).orElseThrow(), Operator.EQ, List.of(e.getValue())))
                .toList();
        return new ListQuery(1, 100, List.of(), filters, null, java.util.Set.of(), spec);
    }
}
