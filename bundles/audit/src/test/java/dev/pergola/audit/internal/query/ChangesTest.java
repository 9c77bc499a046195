package dev.pergola.audit.internal.query;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.Test;

public class ChangesTest {
    @Test
    public void changedAddedAndRemovedFieldsAtAnyDepth() {
        Map<String, Object> before = Map.of("email", "a@x", "profile", Map.of("city", "Oslo", "zip", "0150"),
                "roles", List.of("viewer"));
        Map<String, Object> after = Map.of("email", "a@x", "profile", Map.of("city", "Bergen", "zip", "0150"),
                "roles", List.of("viewer", "admin"), "active", true);
        List<AuditRecordView.Change> changes = Changes.between(before, after);
        assertEquals(3, changes.size());
        assertEquals(new AuditRecordView.Change("profile.city", "Oslo", "Bergen"), find(changes, "profile.city"));
        assertEquals(new AuditRecordView.Change("roles", List.of("viewer"), List.of("viewer", "admin")),
                find(changes, "roles"));
        assertEquals(new AuditRecordView.Change("active", null, true), find(changes, "active"));
    }

    @Test
    public void aCreationListsEveryFieldAndADeletionTheirRemoval() {
        assertEquals(List.of(new AuditRecordView.Change("name", null, "ops")), Changes.between(null, Map.of("name", "ops")));
        assertEquals(List.of(new AuditRecordView.Change("name", "ops", null)), Changes.between(Map.of("name", "ops"), null));
        assertEquals(List.of(new AuditRecordView.Change("value", "a", "b")), Changes.between("a", "b"));
        assertEquals(List.of(), Changes.between(Map.of("x", 1), Map.of("x", 1)));
    }

    private static AuditRecordView.Change find(List<AuditRecordView.Change> changes, String field) {
        return changes.stream().filter(c -> c.field().equals(field)).findFirst().orElseThrow();
    }
}
