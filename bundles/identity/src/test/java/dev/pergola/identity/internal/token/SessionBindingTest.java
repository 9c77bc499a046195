package dev.pergola.identity.internal.token;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.Test;

import dev.pergola.api.errors.PergolaException;

public class SessionBindingTest {
    /** Open sessions: the attacker's own, and the admin's. */
    private final Map<String, String> open = Map.of("attacker-session", "attacker-id", "admin-session", "admin-id");
    private final Function<String, Optional<String>> owners = sid -> Optional.ofNullable(open.get(sid));

    @Test
    public void aTokenForOneUserWithAnotherUsersSessionIsRefused() {
        AccessTokens.Claims forged = new AccessTokens.Claims("admin-id", "attacker-session", Instant.now().plusSeconds(60));
        PergolaException e = assertThrows(PergolaException.class, () -> SessionBinding.require(forged, owners));
        assertEquals("INVALID_TOKEN", e.code());
    }

    @Test
    public void aTokenWithItsOwnOpenSessionPasses() {
        SessionBinding.require(new AccessTokens.Claims("admin-id", "admin-session", Instant.now()), owners);
        SessionBinding.require(new AccessTokens.Claims("attacker-id", "attacker-session", Instant.now()), owners);
    }

    @Test
    public void anEndedOrMissingSessionIsRefused() {
        assertEquals("INVALID_TOKEN", assertThrows(PergolaException.class, () -> SessionBinding.require(
                new AccessTokens.Claims("admin-id", "ended-session", Instant.now()), owners)).code());
        assertEquals("INVALID_TOKEN", assertThrows(PergolaException.class, () -> SessionBinding.require(
                new AccessTokens.Claims("admin-id", null, Instant.now()), owners)).code());
    }
}
