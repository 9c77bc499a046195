package dev.pergola.events.internal.ws;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.pergola.api.events.PergolaEvent;

public class SubscriptionTest {
    private static PergolaEvent event(String type, String targetId) {
        return new PergolaEvent("evt_1", 1, type, Instant.EPOCH, Map.of("target", Map.of("type", "x", "id", targetId)));
    }

    @Test
    public void aChannelIsAnAreaOrEverything() {
        Subscription plugin = new Subscription("plugin", List.of(), null);
        assertTrue(plugin.matches(event("plugin.enabled", "hello")));
        assertFalse(plugin.matches(event("user.created", "u1")));
        assertFalse("no prefix confusion", plugin.matches(event("plugins.x", "u1")));
        assertTrue(new Subscription("*", List.of(), null).matches(event("user.created", "u1")));
    }

    @Test
    public void bareEventTypesAreTakenWithinTheChannel() {
        Subscription s = new Subscription("plugin", List.of("enabled", "plugin.disabled"), null);
        assertEquals(List.of("plugin.enabled", "plugin.disabled"), s.eventTypes());
        assertTrue(s.matches(event("plugin.enabled", "hello")));
        assertTrue(s.matches(event("plugin.disabled", "hello")));
        assertFalse(s.matches(event("plugin.installed", "hello")));
        assertTrue(new Subscription("*", List.of("user.*"), null).matches(event("user.role_assigned", "u1")));
    }

    @Test
    public void targetIdNarrowsToOneTarget() {
        Subscription s = new Subscription("plugin", List.of(), "hello");
        assertTrue(s.matches(event("plugin.enabled", "hello")));
        assertFalse(s.matches(event("plugin.enabled", "other")));
        assertFalse(s.matches(new PergolaEvent("evt_2", 2, "plugin.enabled", Instant.EPOCH, Map.of())));
    }
}
