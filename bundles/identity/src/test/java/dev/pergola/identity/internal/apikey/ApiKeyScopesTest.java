package dev.pergola.identity.internal.apikey;

import static org.junit.Assert.assertEquals;

import java.util.Set;

import org.junit.Test;

public class ApiKeyScopesTest {
    @Test
    public void aKeyDoesWhatItsScopesAndItsOwnerBothAllow() {
        assertEquals(Set.of("admin.users.view"),
                ApiKeys.effective("admin.users.manage,admin.users.view", Set.of("admin.users.view", "admin.shell")));
        assertEquals("a role taken from the owner is gone from the key too", Set.of(),
                ApiKeys.effective("admin.users.manage", Set.of()));
    }
}
