package dev.pergola.identity.internal.rest;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;

import org.junit.Test;

/** What would let a leaked API key take its owner's account over is closed to API keys. */
public class NotForApiKeysTest {
    private static boolean closed(Class<?> type, String method) {
        Method m = Arrays.stream(type.getMethods()).filter(x -> x.getName().equals(method)).findFirst().orElseThrow();
        return AuthorizationFilter.notForApiKeys(m, type);
    }

    @Test
    public void emailPasswordSessionsAndKeysNeedTheOwnerSignedIn() {
        assertTrue(closed(ProfileResource.class, "updateProfile"));
        assertTrue(closed(ProfileResource.class, "changePassword"));
        assertTrue(closed(SessionsResource.class, "list"));
        assertTrue(closed(SessionsResource.class, "end"));
        assertTrue(closed(ApiKeysResource.class, "create"));
        assertFalse(closed(ProfileResource.class, "profile"));
        assertFalse(closed(ProfileResource.class, "updatePreferences"));
        assertFalse(closed(UsersResource.class, "list"));
    }
}
