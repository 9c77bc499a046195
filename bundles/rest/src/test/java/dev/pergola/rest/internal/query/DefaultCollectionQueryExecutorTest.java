package dev.pergola.rest.internal.query;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.pergola.api.plugins.PluginState;
import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;

public class DefaultCollectionQueryExecutorTest {
    public record Tag(String name) {
    }

    public record Item(String slug, String title, PluginState state, Long size, Instant createdAt, List<Tag> tags) {
    }

    private static final ListSpec SPEC = ListSpec.builder()
            .field("slug", "slug", FieldType.STRING).sortable().filterable().searchable()
            .field("title", "title", FieldType.STRING).sortable().searchable()
            .field("state", "state", FieldType.STRING).sortable().filterable()
            .field("size", "size", FieldType.LONG).sortable().filterable()
            .field("created_at", "createdAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("tag", "tags.name", FieldType.STRING).filterable()
            .defaultSort("slug")
            .build();

    private static final List<Item> ITEMS = List.of(
            new Item("gamma", "Third Notes", PluginState.FAILED, 30L, Instant.parse("2026-03-01T00:00:00Z"), List.of(new Tag("x"))),
            new Item("alpha", "First", PluginState.ACTIVE, 10L, Instant.parse("2026-01-01T00:00:00Z"), List.of()),
            new Item("beta", "Second notes", PluginState.ACTIVE, null, Instant.parse("2026-02-01T00:00:00Z"),
                    List.of(new Tag("y"), new Tag("x"))));

    private final DefaultListQueryParser parser = new DefaultListQueryParser();
    private final DefaultCollectionQueryExecutor executor = new DefaultCollectionQueryExecutor();

    private List<String> slugs(String... kv) {
        return run(kv).items().stream().map(Item::slug).toList();
    }

    private PageResult<Item> run(String... kv) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            params.put(kv[i], List.of(kv[i + 1]));
        }
        ListQuery query = parser.parse(params, SPEC);
        return executor.fetch(ITEMS, query);
    }

    @Test
    public void defaultSortAndPaging() {
        assertEquals(List.of("alpha", "beta", "gamma"), slugs());
        PageResult<Item> second = run("per_page", "2", "page", "2");
        assertEquals(List.of("gamma"), second.items().stream().map(Item::slug).toList());
        assertEquals(3, second.total());
        assertEquals(2, second.meta().totalPages);
    }

    @Test
    public void enumsCompareByTheirApiSpelling() {
        assertEquals(List.of("alpha", "beta"), slugs("filter[state]", "active"));
        assertEquals(List.of("gamma"), slugs("filter[state][ne]", "active"));
        assertEquals(List.of(), slugs("filter[state]", "ACTIVE"));
    }

    @Test
    public void searchIsCaseInsensitiveOverSearchableFields() {
        assertEquals(List.of("beta", "gamma"), slugs("search", "NOTES"));
        assertEquals(List.of("alpha"), slugs("search", "alp"));
    }

    @Test
    public void orderedOperatorsOnNumbersAndInstants() {
        assertEquals(List.of("gamma"), slugs("filter[size][gt]", "10"));
        assertEquals(List.of("alpha", "gamma"), slugs("filter[size][in]", "10,30"));
        assertEquals(List.of("alpha", "beta"), slugs("filter[created_at][between]", "2026-01-01,2026-02-15"));
        assertEquals(List.of("gamma"), slugs("filter[created_at][gte]", "2026-03-01T00:00:00Z"));
    }

    @Test
    public void descendingSortPutsNullsLast() {
        assertEquals(List.of("gamma", "alpha", "beta"), slugs("sort", "-size"));
        assertEquals(List.of("alpha", "gamma", "beta"), slugs("sort", "size"));
        assertEquals(List.of("gamma", "alpha", "beta"), slugs("sort", "-state,slug"));
    }

    @Test
    public void aPathThroughACollectionMatchesAnyElement() {
        assertEquals(List.of("beta", "gamma"), slugs("filter[tag]", "x"));
        assertEquals(List.of("beta"), slugs("filter[tag]", "y"));
    }
}
