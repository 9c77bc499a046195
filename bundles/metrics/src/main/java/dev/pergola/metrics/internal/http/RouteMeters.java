package dev.pergola.metrics.internal.http;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.pergola.metrics.internal.registry.TimerView;

/**
 * {@code pergola.requests}, {@code pergola.request.duration} and {@code pergola.rate_limit.refusals}, with the meters
 * of each route kept at hand: a request costs two map look-ups, not a registry search. Tag values are bounded: the
 * method is one of the standard ones or {@code OTHER}, the status a number, the endpoint a route template.
 */
final class RouteMeters {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private record TimerKey(String method, RouteTemplates.Route route) {
    }

    private record CountKey(String method, RouteTemplates.Route route, int status) {
    }

    private final MeterRegistry registry;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<CountKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

    RouteMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String httpMethod, RouteTemplates.Route route, int status, long nanos) {
        String method = METHODS.contains(httpMethod) ? httpMethod : "OTHER";
        timers.computeIfAbsent(new TimerKey(method, route), k -> TimerView.builder("pergola.request.duration",
                "Time to answer a REST request, per route", tags(k.method(), k.route())).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        counters.computeIfAbsent(new CountKey(method, route, status), k -> Counter.builder("pergola.requests")
                .description("REST requests answered, per route and status")
                .tags(tags(k.method(), k.route()).and("status", Integer.toString(k.status()))).register(registry))
                .increment();
        if (status == 429) {
            refusals.computeIfAbsent(route.endpoint(), e -> Counter.builder("pergola.rate_limit.refusals")
                    .description("Requests refused by a rate limit (429), per route").tag("endpoint", e)
                    .register(registry)).increment();
        }
    }

    private static Tags tags(String method, RouteTemplates.Route route) {
        return Tags.of("method", method, "endpoint", route.endpoint(), "plugin", route.plugin());
    }
}
