package dev.pergola.api.events;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.Test;

import dev.pergola.api.audit.AuditEntry;

public class EventTypesTest {
    @Test
    public void topicsAreTheSlashFormAndBack() {
        assertEquals("dev/pergola/user/role_assigned", EventTypes.topic(EventTypes.USER_ROLE_ASSIGNED));
        assertEquals("user.role_assigned", EventTypes.type("dev/pergola/user/role_assigned"));
        assertNull(EventTypes.type("org/osgi/framework/BundleEvent/STARTED"));
    }

    @Test
    public void wildcardsMatchAWholePrefixOnly() {
        assertTrue(EventTypes.matches("user.*", "user.created"));
        assertTrue(EventTypes.matches("*", "plugin.enabled"));
        assertTrue(EventTypes.matches("user.created", "user.created"));
        assertFalse(EventTypes.matches("user.*", "users.created"));
        assertFalse(EventTypes.matches("user.created", "user.created_twice"));
    }

    @Test
    public void everyCatalogueTypeIsAValidActionNamedOnceWithAPermission() {
        Set<String> seen = new HashSet<>();
        for (EventType t : EventCatalogue.CORE) {
            assertTrue(t.name(), AuditEntry.ACTION.matcher(t.name()).matches());
            assertTrue("twice: " + t.name(), seen.add(t.name()));
            assertTrue(t.name(), t.permission().startsWith("admin."));
        }
        assertEquals("admin.audit.view", EventCatalogue.permissionFor("acme.note.created"));
        assertEquals("admin.plugins.view", EventCatalogue.permissionFor(EventTypes.PLUGIN_ENABLED));
    }

    @Test(expected = IllegalArgumentException.class)
    public void anActionIsADottedLowerCaseName() {
        AuditEntry.of("UserCreated");
    }
}
