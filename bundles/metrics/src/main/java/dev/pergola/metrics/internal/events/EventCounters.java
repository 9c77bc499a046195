package dev.pergola.metrics.internal.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;
import dev.pergola.metrics.internal.registry.PlatformRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts platform events as Event Admin delivers them (after commit): {@code pergola.events{type}} for every sealed
 * event (one with a place in the audit chain, so its rate is the audit rate; live-only events such as
 * {@code backup.progress} have sequence 0 and are left out) and {@code pergola.logins{outcome}} from
 * {@code auth.login} / {@code auth.login_failed}.
 */
// immediate: the counters exist (at 0) from start, not from the first event Event Admin happens to deliver
@Component(service = EventHandler.class, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + EventTypes.ALL_TOPICS)
public class EventCounters implements EventHandler {
    private final MeterRegistry registry;
    private final Map<String, Counter> byType = new ConcurrentHashMap<>();
    private final Counter loginSuccesses;
    private final Counter loginFailures;

    @Activate
    public EventCounters(@Reference PlatformRegistry platform) {
        this.registry = platform.registry();
        this.loginSuccesses = login("success");
        this.loginFailures = login("failure");
    }

    private Counter login(String outcome) {
        return Counter.builder("pergola.logins").description("Sign-ins, by outcome").tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty(PergolaEvent.TYPE) instanceof String type)) {
            return;
        }
        if (EventTypes.AUTH_LOGIN.equals(type)) {
            loginSuccesses.increment();
        } else if (EventTypes.AUTH_LOGIN_FAILED.equals(type)) {
            loginFailures.increment();
        }
        if (event.getProperty(PergolaEvent.SEQUENCE) instanceof Number sequence && sequence.longValue() > 0) {
            byType.computeIfAbsent(type, t -> Counter.builder("pergola.events")
                    .description("Platform events recorded in the audit trail, by type").tag("type", t)
                    .register(registry)).increment();
        }
    }
}
