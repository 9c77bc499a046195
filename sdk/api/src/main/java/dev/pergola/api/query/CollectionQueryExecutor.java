package dev.pergola.api.query;

import java.util.Collection;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs a {@link ListQuery} over items already in memory (plugins, health checks: lists of tens, not
 * thousands), with the same meaning as the database executor: filters, free-text {@code search} over the
 * searchable fields, sort (default sort, then the given order of items), and the page. A field's
 * {@code attribute} is a property path on the item ({@code installedAt}, {@code owner.name}), read through
 * record accessors, getters or public fields; a path through a collection matches when any element does.
 * Enum values compare by {@code toString()}, the spelling the JSON mapper writes.
 */
@ProviderType
public interface CollectionQueryExecutor {
    /** Reads one field's value from an item; the default reads the spec's attribute path by reflection. */
    @FunctionalInterface
    interface FieldReader<T> {
        Object read(T item, ListSpec.Field field);
    }

    <T> PageResult<T> fetch(Collection<T> items, ListQuery query, FieldReader<? super T> reader);

    <T> PageResult<T> fetch(Collection<T> items, ListQuery query);
}
