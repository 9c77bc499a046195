package dev.pergola.api.rest;

import java.util.List;

/** The success envelope: {@code {"data": …}}, plus {@code "meta"} for lists. */
public final class ApiResponse<T> {
    public final T data;
    public final PageMeta meta;

    private ApiResponse(T data, PageMeta meta) {
        this.data = data;
        this.meta = meta;
    }

    public static <T> ApiResponse<T> of(T data) {
        return new ApiResponse<>(data, null);
    }

    public static <T> ApiResponse<List<T>> list(List<T> items, PageMeta meta) {
        return new ApiResponse<>(items, meta);
    }
}
