package dev.pergola.webhooks.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

import dev.pergola.api.health.HealthResult;
import dev.pergola.webhooks.internal.store.Backlog;

public class WebhooksHealthCheckTest {
    @Test
    public void upWhileDeliveriesFlow() {
        HealthResult r = WebhooksHealthCheck.assess(new Backlog(3, 0, Map.of()), 600);
        assertEquals("UP", r.status().name());
        assertEquals("3 deliveries waiting", r.message());
    }

    @Test
    public void warnsWhenDeliveriesBackUp() {
        HealthResult r = WebhooksHealthCheck.assess(new Backlog(50, 7, Map.of()), 600);
        assertEquals("WARN", r.status().name());
        assertTrue(r.message(), r.message().startsWith("7 deliveries have waited more than 600 s"));
    }

    @Test
    public void warnsNamingTheSubscriptionThatKeepsFailing() {
        HealthResult r = WebhooksHealthCheck.assess(new Backlog(2, 0, Map.of("wh_dead", 5)), 600);
        assertEquals("WARN", r.status().name());
        assertTrue(r.message(), r.message().contains("wh_dead"));
    }

    @Test
    public void warnsWhenTooManyDeliveriesWaitEvenIfNoneIsLate() {
        HealthResult r = WebhooksHealthCheck.assess(new Backlog(1001, 0, Map.of()), 600, 1000);
        assertEquals("WARN", r.status().name());
        assertTrue(r.message(), r.message().startsWith("1001 deliveries are waiting, more than 1000"));
        assertEquals("UP", WebhooksHealthCheck.assess(new Backlog(1000, 0, Map.of()), 600, 1000).status().name());
    }
}
