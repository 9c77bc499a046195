package dev.pergola.events.internal.live;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.events.EventLog;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;
import dev.pergola.api.identity.Authenticator;
import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.events.internal.catalogue.EventTypeRegistry;

/**
 * The hub of the live streams: receives every sealed platform event from Event Admin and hands it to each open
 * stream whose caller holds the permission of its type. It also keeps the per-user connection limit, sends the
 * heartbeats, and re-checks every caller periodically and whenever an event may have changed what callers may see
 * (sessions ending, roles changing): a caller whose session ended is disconnected.
 */
@Component(service = {LiveEvents.class, EventHandler.class}, configurationPid = LiveEventsConfig.PID,
        property = EventConstants.EVENT_TOPIC + "=" + EventTypes.ALL_TOPICS)
@Designate(ocd = LiveEventsConfig.class)
public class LiveEvents implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
    private static final int REPLAY_BATCH = 500;
    /** Events after which some caller may see less (or nothing): re-check everyone at once, not at the next tick. */
    private static final Set<String> ACCESS_CHANGES = Set.of(EventTypes.SESSION_ENDED, EventTypes.AUTH_LOGOUT,
            EventTypes.USER_DEACTIVATED, EventTypes.USER_DELETED, EventTypes.USER_ROLE_REMOVED,
            EventTypes.USER_ROLE_ASSIGNED, EventTypes.ROLE_UPDATED, EventTypes.ROLE_DELETED,
            EventTypes.API_KEY_REVOKED, EventTypes.PERMISSION_REMOVED);

    private final EventTypeRegistry registry;
    private final Authenticator authenticator;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ConnectionLimit connections = new ConnectionLimit();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pergola-live-events");
        t.setDaemon(true);
        return t;
    });
    private volatile LiveEventsConfig config;
    private ScheduledFuture<?> heartbeats;
    private ScheduledFuture<?> rechecks;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventLog eventLog;

    @Activate
    public LiveEvents(@Reference EventTypeRegistry registry, @Reference Authenticator authenticator,
            LiveEventsConfig config) {
        this.registry = registry;
        this.authenticator = authenticator;
        configure(config);
    }

    @Modified
    synchronized void configure(LiveEventsConfig config) {
        this.config = config;
        if (heartbeats != null) {
            heartbeats.cancel(false);
            rechecks.cancel(false);
        }
        int beat = Math.max(1, config.heartbeat_seconds());
        int check = Math.max(1, config.recheck_seconds());
        heartbeats = timer.scheduleAtFixedRate(this::heartbeat, beat, beat, TimeUnit.SECONDS);
        rechecks = timer.scheduleWithFixedDelay(this::recheckAll, check, check, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        List.copyOf(subscribers).forEach(s -> s.close("SERVICE_UNAVAILABLE", "The event stream is shutting down."));
    }

    public LiveEventsConfig config() {
        return config;
    }

    /** Whether past events can be replayed (the audit bundle's event log is there). */
    public boolean canResume() {
        return eventLog != null;
    }

    /** How many events a stream resumed after {@code sequence} would have to replay (0 without an event log). */
    public long behind(long sequence) {
        EventLog log = eventLog;
        return log == null ? 0 : Math.max(0, log.lastSequence() - sequence);
    }

    /**
     * Opens a stream for its caller, replaying the events after {@code resumeAfter} first when given; false when
     * the caller already holds the most streams allowed (nothing is opened then).
     */
    public boolean open(Subscriber subscriber, Optional<Long> resumeAfter) {
        String userId = subscriber.principal().userId();
        if (!connections.tryAcquire(userId, Math.max(1, config.max_connections_per_user()))) {
            return false;
        }
        subscriber.onClose(() -> {
            subscribers.remove(subscriber);
            connections.release(userId);
        });
        EventLog log = eventLog;
        if (resumeAfter.isPresent() && log != null) {
            subscriber.beginReplay(resumeAfter.get());
            subscribers.add(subscriber);
            try {
                replay(subscriber, log);
            } finally {
                subscriber.endReplay();
            }
        } else {
            subscribers.add(subscriber);
        }
        return true;
    }

    private void replay(Subscriber subscriber, EventLog log) {
        long cursor = subscriber.lastSequence();
        while (!subscriber.isClosed()) {
            List<PergolaEvent> batch = log.after(cursor, REPLAY_BATCH);
            if (batch.isEmpty()) {
                return;
            }
            for (PergolaEvent event : batch) {
                subscriber.replay(new Subscriber.Routed(event, registry.permissionFor(event.type())));
                cursor = event.sequence();
            }
        }
    }

    /** Runs later on the hub's timer (a WebSocket's authentication deadline). */
    public void schedule(Runnable task, long seconds) {
        timer.schedule(task, seconds, TimeUnit.SECONDS);
    }

    @Override
    public void handleEvent(Event event) {
        PergolaEvent pergolaEvent;
        try {
            pergolaEvent = PergolaEvent.fromProperties(event::getProperty);
        } catch (RuntimeException e) {
            LOG.warn("Ignoring a malformed event on {}", event.getTopic(), e);
            return;
        }
        if (pergolaEvent.type() == null) {
            return;
        }
        Subscriber.Routed routed = new Subscriber.Routed(pergolaEvent, registry.permissionFor(pergolaEvent.type()));
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.offer(routed);
            } catch (RuntimeException e) {
                LOG.debug("A stream failed to take an event; closing it", e);
                subscriber.close("INTERNAL_ERROR", "The stream failed.");
            }
        }
        if (ACCESS_CHANGES.contains(pergolaEvent.type())) {
            timer.execute(this::recheckAll);
        }
    }

    private void heartbeat() {
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.heartbeat();
            } catch (RuntimeException e) {
                subscriber.close("INTERNAL_ERROR", "The stream failed.");
            }
        }
    }

    /** The caller of each stream as it is now: gone (session ended, account deactivated) closes the stream. */
    void recheckAll() {
        for (Subscriber subscriber : subscribers) {
            try {
                Optional<PergolaPrincipal> current = authenticator.current(subscriber.principal());
                if (current.isPresent()) {
                    subscriber.principal(current.get());
                } else {
                    subscriber.close("TOKEN_EXPIRED", "Your session has ended; sign in again.");
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not re-check the caller of a live stream; will retry", e);
            }
        }
    }

    int openBy(String userId) {
        return connections.openBy(userId);
    }
}
