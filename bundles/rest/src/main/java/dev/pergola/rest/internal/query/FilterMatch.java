package dev.pergola.rest.internal.query;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.pergola.api.query.ListQuery;

/** Whether one in-memory value passes one filter, and the order values sort in. */
final class FilterMatch {
    /** Numbers by value, everything else by its natural order (values of one field share a type). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final Comparator<Object> ORDER = (a, b) -> {
        if (a instanceof Number x && b instanceof Number y) {
            return DefaultCollectionQueryExecutor.decimal(x).compareTo(DefaultCollectionQueryExecutor.decimal(y));
        }
        if (a instanceof Comparable c && a.getClass().isInstance(b)) {
            return c.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    };

    private FilterMatch() {
    }

    /** Enums become their JSON spelling ({@code toString()}); other values stay as they are. */
    static Object normal(Object value) {
        return value instanceof Enum<?> e ? e.toString() : value;
    }

    static boolean test(ListQuery.Filter filter, Object value) {
        List<Object> wanted = filter.values();
        return switch (filter.operator()) {
            case EQ -> value != null && same(value, wanted.get(0));
            case NE -> value == null || !same(value, wanted.get(0));
            case GT -> value != null && ORDER.compare(value, wanted.get(0)) > 0;
            case GTE -> value != null && ORDER.compare(value, wanted.get(0)) >= 0;
            case LT -> value != null && ORDER.compare(value, wanted.get(0)) < 0;
            case LTE -> value != null && ORDER.compare(value, wanted.get(0)) <= 0;
            case LIKE -> value != null && String.valueOf(value).toLowerCase(Locale.ROOT)
                    .contains(String.valueOf(wanted.get(0)).toLowerCase(Locale.ROOT));
            case IN -> value != null && wanted.stream().anyMatch(w -> same(value, w));
            case BETWEEN -> value != null && ORDER.compare(value, wanted.get(0)) >= 0
                    && ORDER.compare(value, wanted.get(1)) <= 0;
        };
    }

    private static boolean same(Object value, Object wanted) {
        if (value instanceof Number && wanted instanceof Number) {
            return ORDER.compare(value, wanted) == 0;
        }
        return value.equals(wanted) || value.toString().equals(wanted.toString());
    }
}
