package dev.pergola.identity.internal.rbac;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;

import org.junit.Test;

public class PermissionHeaderTest {
    @Test
    public void readsNamesAndQuotedDescriptionsWithCommas() {
        List<PermissionHeader.Declared> p = PermissionHeader.parse(
                "acme.notes.view;description=\"View notes, all of them\", acme.notes.manage");
        assertEquals(2, p.size());
        assertEquals("acme.notes.view", p.get(0).name());
        assertEquals("View notes, all of them", p.get(0).description());
        assertEquals("acme.notes.manage", p.get(1).name());
        assertNull(p.get(1).description());
    }

    @Test(expected = IllegalArgumentException.class)
    public void refusesNamesThatAreNotDottedLowerCase() {
        PermissionHeader.parse("Acme Notes");
    }
}
