package dev.pergola.api.query;

import java.util.List;
import java.util.function.Function;

import dev.pergola.api.rest.PageMeta;

/** One page of results and the total count behind it. */
public record PageResult<T>(List<T> items, int page, int perPage, long total) {
    public PageResult {
        items = List.copyOf(items);
    }

    public PageMeta meta() {
        return new PageMeta(page, perPage, total);
    }

    public <R> PageResult<R> map(Function<? super T, ? extends R> mapper) {
        return new PageResult<>(items.stream().<R>map(mapper).toList(), page, perPage, total);
    }
}
