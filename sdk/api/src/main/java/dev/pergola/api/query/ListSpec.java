package dev.pergola.api.query;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The allow-list of one list endpoint: which fields exist (API name → entity attribute and type), which
 * may be sorted, filtered and searched, and the default sort. An attribute path through a collection
 * ({@code roles.name}) can be filtered and searched, not sorted.
 *
 * <pre>
 * ListSpec.builder()
 *     .field("username", "username", FieldType.STRING).sortable().filterable().searchable()
 *     .field("created_at", "createdAt", FieldType.TIMESTAMP).sortable().filterable()
 *     .defaultSort("-created_at")
 *     .build();
 * </pre>
 */
public final class ListSpec {
    public static final int DEFAULT_PER_PAGE = 20;
    public static final int MAX_PER_PAGE = 100;

    /** One field of the endpoint. {@code attribute} may be a dotted path ({@code owner.name}). */
    public record Field(String name, String attribute, FieldType type, boolean sortable, boolean filterable,
            boolean searchable) {
    }

    private final Map<String, Field> fields;
    private final String defaultSort;

    private ListSpec(Map<String, Field> fields, String defaultSort) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.defaultSort = defaultSort;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Field> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public Collection<Field> fields() {
        return fields.values();
    }

    /** Like the {@code sort} parameter, e.g. {@code -created_at,name}; empty for no default. */
    public String defaultSort() {
        return defaultSort;
    }

    public static final class Builder {
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private String defaultSort = "";
        private String current;

        private Builder() {
        }

        public Builder field(String name, String attribute, FieldType type) {
            fields.put(name, new Field(name, attribute, type, false, false, false));
            current = name;
            return this;
        }

        public Builder sortable() {
            Field f = last();
            if (f.attribute().contains(".")) {
                throw new IllegalStateException("a field through a relation cannot be sorted: " + f.name());
            }
            fields.put(current, new Field(f.name(), f.attribute(), f.type(), true, f.filterable(), f.searchable()));
            return this;
        }

        public Builder filterable() {
            Field f = last();
            fields.put(current, new Field(f.name(), f.attribute(), f.type(), f.sortable(), true, f.searchable()));
            return this;
        }

        /** Part of the free-text {@code search}; only for STRING fields. */
        public Builder searchable() {
            Field f = last();
            if (f.type() != FieldType.STRING) {
                throw new IllegalStateException("only STRING fields can be searchable: " + f.name());
            }
            fields.put(current, new Field(f.name(), f.attribute(), f.type(), f.sortable(), f.filterable(), true));
            return this;
        }

        public Builder defaultSort(String sort) {
            this.defaultSort = sort;
            return this;
        }

        public ListSpec build() {
            return new ListSpec(fields, defaultSort);
        }

        private Field last() {
            if (current == null) {
                throw new IllegalStateException("declare a field first");
            }
            return fields.get(current);
        }
    }
}
