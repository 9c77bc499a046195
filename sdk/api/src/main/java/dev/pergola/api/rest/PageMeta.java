package dev.pergola.api.rest;

/** Pagination facts of a list response; serialized as {@code page, per_page, total, total_pages}. */
public final class PageMeta {
    public final int page;
    public final int perPage;
    public final long total;
    public final int totalPages;

    public PageMeta(int page, int perPage, long total) {
        this.page = page;
        this.perPage = perPage;
        this.total = total;
        this.totalPages = perPage <= 0 ? 0 : (int) ((total + perPage - 1) / perPage);
    }
}
