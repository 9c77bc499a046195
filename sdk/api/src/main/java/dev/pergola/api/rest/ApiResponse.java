package dev.pergola.api.rest;

import java.util.List;
import java.util.Set;

import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.PageResult;

/**
 * The success envelope: {@code {"data": …}}, plus {@code "meta"} for lists. A list built from a
 * {@link ListQuery} that asked for {@code fields} is written with only those properties (and {@code id}) of
 * each item: sparse fieldsets work on typed records, applied by the platform's JSON writer.
 */
public final class ApiResponse<T> {
    public final T data;
    public final PageMeta meta;
    private final Set<String> fields;

    private ApiResponse(T data, PageMeta meta, Set<String> fields) {
        this.data = data;
        this.meta = meta;
        this.fields = Set.copyOf(fields);
    }

    public static <T> ApiResponse<T> of(T data) {
        return new ApiResponse<>(data, null, Set.of());
    }

    public static <T> ApiResponse<List<T>> list(List<T> items, PageMeta meta) {
        return new ApiResponse<>(items, meta, Set.of());
    }

    /** One page of a list query, with the query's sparse fieldset. */
    public static <T> ApiResponse<List<T>> list(PageResult<T> page, ListQuery query) {
        return new ApiResponse<>(page.items(), page.meta(), query.fields());
    }

    /** The item properties to keep ({@code fields}); empty means all. Not part of the JSON. */
    public Set<String> selectedFields() {
        return fields;
    }
}
