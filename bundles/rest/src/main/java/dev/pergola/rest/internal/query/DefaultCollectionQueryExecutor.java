package dev.pergola.rest.internal.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Component;

import dev.pergola.api.query.CollectionQueryExecutor;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;

/**
 * The list-query language over items in memory, with the meaning the JPA executor gives it: {@code like} and
 * {@code search} are case-insensitive "contains", a path through a collection matches when any element does,
 * sorting puts nulls last and keeps the given order between equal items.
 */
@Component(service = CollectionQueryExecutor.class)
public class DefaultCollectionQueryExecutor implements CollectionQueryExecutor {

    @Override
    public <T> PageResult<T> fetch(Collection<T> items, ListQuery query) {
        return fetch(items, query, (item, field) -> PropertyPaths.read(item, field.attribute()));
    }

    @Override
    public <T> PageResult<T> fetch(Collection<T> items, ListQuery query, FieldReader<? super T> reader) {
        Predicate<T> matches = item -> true;
        for (ListQuery.Filter filter : query.filters()) {
            matches = matches.and(item -> anyValue(reader.read(item, filter.field()), v -> FilterMatch.test(filter, v)));
        }
        if (query.search() != null && !query.search().isBlank()) {
            String needle = query.search().toLowerCase(Locale.ROOT);
            List<ListSpec.Field> searchable = query.spec().fields().stream().filter(ListSpec.Field::searchable).toList();
            matches = matches.and(item -> searchable.stream().anyMatch(f -> anyValue(reader.read(item, f),
                    v -> v != null && String.valueOf(v).toLowerCase(Locale.ROOT).contains(needle))));
        }
        List<T> selected = new ArrayList<>(items.stream().filter(matches).toList());
        Comparator<T> order = null;
        for (ListQuery.Sort sort : query.sorts()) {
            Comparator<T> next = Comparator.comparing(item -> FilterMatch.normal(reader.read(item, sort.field())),
                    sort.descending() ? Comparator.nullsLast(FilterMatch.ORDER.reversed())
                            : Comparator.nullsLast(FilterMatch.ORDER));
            order = order == null ? next : order.thenComparing(next);
        }
        if (order != null) {
            selected.sort(order);
        }
        List<T> page = selected.stream().skip(query.offset()).limit(query.perPage()).toList();
        return new PageResult<>(page, query.page(), query.perPage(), selected.size());
    }

    private static boolean anyValue(Object value, Predicate<Object> test) {
        if (value instanceof Collection<?> many) {
            return many.stream().anyMatch(v -> test.test(FilterMatch.normal(v)));
        }
        return test.test(FilterMatch.normal(value));
    }

    /** Numbers of different boxes compare by value. */
    static BigDecimal decimal(Object n) {
        return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
    }
}
