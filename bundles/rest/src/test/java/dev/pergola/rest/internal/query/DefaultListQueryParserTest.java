package dev.pergola.rest.internal.query;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.Test;

import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.Operator;
import dev.pergola.api.errors.PergolaException;

public class DefaultListQueryParserTest {
    private static final ListSpec SPEC = ListSpec.builder()
            .field("username", "username", FieldType.STRING).sortable().filterable().searchable()
            .field("email", "email", FieldType.STRING).filterable().searchable()
            .field("age", "age", FieldType.INTEGER).sortable().filterable()
            .field("score", "score", FieldType.DECIMAL).filterable()
            .field("created_at", "createdAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("active", "active", FieldType.BOOLEAN).filterable()
            .field("owner_id", "ownerId", FieldType.UUID).filterable()
            .field("bio", "bio", FieldType.STRING)
            .defaultSort("-created_at")
            .build();

    private final DefaultListQueryParser parser = new DefaultListQueryParser();

    private static Map<String, List<String>> params(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], List.of(kv[i + 1]));
        }
        return m;
    }

    private ListQuery parse(String... kv) {
        return parser.parse(params(kv), SPEC);
    }

    private Map<String, List<String>> problems(String... kv) {
        try {
            parse(kv);
            fail("expected a 422 for " + String.join(" ", kv));
            return null;
        } catch (PergolaException e) {
            assertEquals("VALIDATION_ERROR", e.code());
            return e.details();
        }
    }

    @Test
    public void defaults() {
        ListQuery q = parse();
        assertEquals(1, q.page());
        assertEquals(20, q.perPage());
        assertEquals(0, q.offset());
        assertEquals("created_at", q.sorts().get(0).field().name());
        assertTrue(q.sorts().get(0).descending());
        assertTrue(q.filters().isEmpty());
        assertNull(q.search());
        assertTrue(q.fields().isEmpty());
    }

    @Test
    public void pagingSortingFieldsAndSearch() {
        ListQuery q = parse("page", "3", "per_page", "100", "sort", "-age,username", "fields", "username,email",
                "search", " ann ", "unrelated", "kept for the endpoint");
        assertEquals(200, q.offset());
        assertEquals(2, q.sorts().size());
        assertTrue(q.sorts().get(0).descending());
        assertFalse(q.sorts().get(1).descending());
        assertEquals("ann", q.search());
        assertEquals(Map.of("id", 1, "username", "x"), q.project(Map.of("id", 1, "username", "x", "bio", "hidden")));
    }

    @Test
    public void everyOperatorWithTypedValues() {
        assertEquals(Operator.EQ, parse("filter[username]", "ann").filters().get(0).operator());
        assertEquals(List.of(30), parse("filter[age][gt]", "30").filters().get(0).values());
        assertEquals(Operator.GTE, parse("filter[age][gte]", "30").filters().get(0).operator());
        assertEquals(Operator.LT, parse("filter[age][lt]", "30").filters().get(0).operator());
        assertEquals(Operator.LTE, parse("filter[age][lte]", "30").filters().get(0).operator());
        assertEquals(Operator.NE, parse("filter[active][ne]", "true").filters().get(0).operator());
        assertEquals(List.of("a%b"), parse("filter[email][like]", "a%b").filters().get(0).values());
        assertEquals(List.of(1, 2, 3), parse("filter[age][in]", "1,2,3").filters().get(0).values());
        assertEquals(List.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T12:00:00Z")),
                parse("filter[created_at][between]", "2026-01-01,2026-02-01T12:00:00Z").filters().get(0).values());
        assertEquals(List.of(new BigDecimal("1.5")), parse("filter[score]", "1.5").filters().get(0).values());
        UUID id = UUID.randomUUID();
        assertEquals(List.of(id), parse("filter[owner_id]", id.toString()).filters().get(0).values());
    }

    @Test
    public void injectionLookingTextIsJustAValue() {
        assertEquals(List.of("x' OR 1=1 --"), parse("filter[username]", "x' OR 1=1 --").filters().get(0).values());
    }

    @Test
    public void everyMistakeIsA422NamingTheParameter() {
        assertTrue(problems("page", "0").containsKey("page"));
        assertTrue(problems("page", "two").containsKey("page"));
        assertTrue(problems("page", "2147483647").containsKey("page"));
        assertTrue(problems("per_page", "101").get("per_page").get(0).contains("1 to 100"));
        assertTrue(problems("per_page", "0").containsKey("per_page"));
        assertTrue(problems("per_page", "ten").containsKey("per_page"));
        assertEquals(List.of("cannot sort by 'foo'; sortable: username, age, created_at"), problems("sort", "-foo").get("sort"));
        assertTrue(problems("sort", "bio").get("sort").get(0).contains("sortable: username, age, created_at"));
        assertTrue(problems("fields", "password").containsKey("fields"));
        assertTrue(problems("filter[password]", "x").get("filter[password]").get(0).contains("filterable:"));
        assertTrue(problems("filter[bio]", "x").containsKey("filter[bio]"));
        assertTrue(problems("filter[age][approx]", "3").get("filter[age][approx]").get(0).contains("unknown operator"));
        assertTrue(problems("filter[age][gt]", "3.5").containsKey("filter[age][gt]"));
        assertTrue(problems("filter[age][in]", "1,x").containsKey("filter[age][in]"));
        assertTrue(problems("filter[age]", "old").get("filter[age]").get(0).contains("whole number"));
        assertTrue(problems("filter[created_at][gt]", "yesterday").get("filter[created_at][gt]").get(0).contains("ISO-8601"));
        assertTrue(problems("filter[active]", "yes").containsKey("filter[active]"));
        assertTrue(problems("filter[owner_id]", "123").get("filter[owner_id]").get(0).contains("UUID"));
        assertTrue(problems("filter[age][between]", "1").get("filter[age][between]").get(0).contains("exactly two"));
        assertTrue(problems("filter[age][between]", "1,2,3").containsKey("filter[age][between]"));
        assertTrue(problems("filter[age][like]", "1").get("filter[age][like]").get(0).contains("text fields"));
        assertTrue(problems("filter[active][gt]", "true").containsKey("filter[active][gt]"));
        assertTrue(problems("filter[age", "1").containsKey("filter[age"));
        assertTrue(problems("search", "x".repeat(201)).containsKey("search"));
    }

    @Test
    public void otherParametersBelongToTheEndpoint() {
        ListQuery q = parse("filtered", "yes", "include", "roles", "filter", "x");
        assertTrue(q.filters().isEmpty());
    }

    @Test
    public void problemsAreReportedTogether() {
        Map<String, List<String>> p = problems("page", "-1", "sort", "nope", "filter[nope]", "1");
        assertEquals(3, p.size());
    }
}
