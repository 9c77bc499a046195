package dev.pergola.audit.internal.query;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;

public class AuditQueryTest {
    private final AtomicReference<Map<String, List<String>>> parsed = new AtomicReference<>();
    private final ListQueryParser parser = (params, spec) -> {
        parsed.set(params);
        return new ListQuery(1, 20, List.of(), List.of(), null, Set.of(), spec);
    };

    @Test
    public void aFamilyOfActionsBecomesAPrefixAndLeavesTheListLanguage() {
        AuditQuery q = AuditQuery.parse(parser, Map.of("filter[action]", List.of("user.*"), "filter[user]", List.of("u1")));
        assertEquals("user.", q.actionPrefix());
        assertFalse(parsed.get().containsKey("filter[action]"));
        assertTrue(parsed.get().containsKey("filter[user]"));
    }

    @Test
    public void anExactActionStaysAFilterAndAStarAloneMeansAll() {
        assertNull(AuditQuery.parse(parser, Map.of("filter[action][eq]", List.of("user.created"))).actionPrefix());
        assertEquals(List.of("user.created"), parsed.get().get("filter[action][eq]"));
        assertNull(AuditQuery.parse(parser, Map.of("filter[action]", List.of("*"))).actionPrefix());
        assertFalse(parsed.get().containsKey("filter[action]"));
    }
}
