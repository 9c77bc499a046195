package dev.pergola.webhooks.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocketFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.events.EventLog;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.security.SecretBox;
import dev.pergola.webhooks.internal.store.Claim;
import dev.pergola.webhooks.internal.store.DeliveryQueue;
import dev.pergola.webhooks.internal.store.Wakeup;

/**
 * The background side of webhooks, off every request thread: a dispatcher thread (woken by any platform event on
 * Event Admin, polling as a backstop) and a claimer thread handing leased deliveries to up to {@code workers}
 * delivery threads. A slow or dead receiver only ever holds one of those threads.
 */
// event.topics as a plain property: @EventTopics would require an osgi.implementation=osgi.event capability that
// Karaf's Felix Event Admin does not declare
@Component(service = {DeliveryEngine.class, EventHandler.class}, configurationPid = WebhooksConfig.PID, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + EventTypes.ALL_TOPICS)
@Designate(ocd = WebhooksConfig.class)
public class DeliveryEngine implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);

    private final DeliveryQueue queue;
    private final Dispatcher dispatcher;
    private final Deliverer deliverer;
    private final Wakeup dispatchBell = new Wakeup();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> thread(r, "pergola-webhook-sender"));
    private final Thread dispatchThread;
    private final Thread claimThread;
    private volatile WebhooksConfig config;
    private volatile Deliverer.Settings settings;
    private volatile boolean running = true;
    /** While a restore replaces the tables: no dispatch, no claim (attempts in flight finish first). */
    private volatile boolean paused;
    /** Dispatch or claim transactions under way, so {@link #pause} can wait for them. */
    private final AtomicInteger busy = new AtomicInteger();

    @Activate
    public DeliveryEngine(@Reference DeliveryQueue queue, @Reference EventLog log, @Reference SecretBox box,
            @Reference AuditTrail audit, WebhooksConfig config) {
        this.queue = queue;
        this.dispatcher = new Dispatcher(queue, log, Clock.systemUTC());
        this.deliverer = new Deliverer(queue, box, audit, new PinnedPost((SSLSocketFactory) SSLSocketFactory.getDefault()),
                Clock.systemUTC());
        configure(config);
        this.dispatchThread = thread(this::dispatchLoop, "pergola-webhook-dispatcher");
        this.claimThread = thread(this::claimLoop, "pergola-webhook-claimer");
        dispatchThread.start();
        claimThread.start();
    }

    /** Timeouts, backoff, allow-list and worker count apply to the next attempt; queued work is kept. */
    @Modified
    void configure(WebhooksConfig changed) {
        this.settings = settings(changed);
        this.config = changed;
        queue.wakeup().wake();
    }

    static Deliverer.Settings settings(WebhooksConfig c) {
        return new Deliverer.Settings(new AddressGuard(c.allowed_hosts()), Duration.ofMillis(c.connect_timeout_ms()),
                Duration.ofMillis(c.read_timeout_ms()), new Backoff(Duration.ofMillis(c.retry_base_ms()),
                        c.retry_factor(), Duration.ofMillis(Math.max(c.retry_base_ms(), c.retry_max_delay_ms()))),
                c.max_attempts());
    }

    public WebhooksConfig config() {
        return config;
    }

    @Override
    public void handleEvent(Event event) {
        dispatchBell.wake();
    }

    @Deactivate
    void stop() throws InterruptedException {
        running = false;
        dispatchThread.interrupt();
        claimThread.interrupt();
        dispatchThread.join(5000);
        claimThread.join(5000);
        senders.shutdown();
        if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
            senders.shutdownNow(); // leases expire, another attempt is made later: nothing is lost
        }
    }

    /**
     * Stops dispatching and claiming, and waits up to {@code wait} for the attempts in flight to write their outcome.
     *
     * @throws IllegalStateException (and carries on as before) when they did not finish in time
     */
    public void pause(Duration wait) {
        paused = true;
        dispatchBell.wake(); // both loops leave their wait, end their unit and see the pause
        queue.wakeup().wake();
        long deadline = System.nanoTime() + wait.toNanos();
        while (busy.get() > 0 || inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                resume();
                throw new IllegalStateException("webhook deliveries still in flight after " + wait.toSeconds() + " s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                resume();
                throw new IllegalStateException("interrupted while pausing webhook deliveries", e);
            }
        }
    }

    /** Dispatches and claims again, from the cursor and queue as the database now holds them. */
    public void resume() {
        paused = false;
        dispatchBell.wake();
        queue.wakeup().wake();
    }

    /** Whether a dispatch or claim may start now; if so, {@link #busy} counts it until the caller decrements. */
    private boolean enterUnit() {
        busy.incrementAndGet();
        if (paused) { // checked after counting ourselves, so pause() either sees us busy or we see it paused
            busy.decrementAndGet();
            return false;
        }
        return true;
    }

    private void dispatchLoop() {
        while (running) {
            if (!enterUnit()) {
                awaitQuietly(dispatchBell);
                continue;
            }
            try {
                int handled = dispatcher.dispatchOnce(config.dispatch_batch());
                if (handled > 0) {
                    queue.wakeup().wake();
                }
                if (handled < config.dispatch_batch()) {
                    dispatchBell.await(config.poll_interval_ms());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Webhook dispatch failed (retried at the next poll): {}", e.getMessage());
                backOff();
            } finally {
                busy.decrementAndGet();
            }
        }
    }

    private void awaitQuietly(Wakeup bell) {
        try {
            bell.await(config.poll_interval_ms());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void claimLoop() {
        while (running) {
            if (!enterUnit()) {
                awaitQuietly(queue.wakeup());
                continue;
            }
            try {
                WebhooksConfig c = config;
                int free = c.workers() - inFlight.get();
                List<Claim> claims = free <= 0 ? List.of() : queue.claim(free, Clock.systemUTC().instant(), lease(c));
                for (Claim claim : claims) {
                    inFlight.incrementAndGet();
                    senders.execute(() -> send(claim));
                }
                if (claims.isEmpty()) {
                    queue.wakeup().await(c.poll_interval_ms());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Claiming webhook deliveries failed (retried at the next poll): {}", e.getMessage());
                backOff();
            } finally {
                busy.decrementAndGet();
            }
        }
    }

    private void send(Claim claim) {
        try {
            deliverer.attempt(claim, settings);
        } catch (RuntimeException e) { // the database went away mid-attempt: the lease runs out, the next claim retries
            LOG.warn("Webhook delivery {} could not record its outcome: {}", claim.id(), e.getMessage());
        } finally {
            inFlight.decrementAndGet();
            queue.wakeup().wake();
        }
    }

    /** Longer than any attempt can take, so a lease never runs out under a live attempt. */
    static java.time.Duration lease(WebhooksConfig c) {
        return Duration.ofMillis(2L * (c.connect_timeout_ms() + c.read_timeout_ms()) + 30_000);
    }

    private void backOff() {
        try {
            Thread.sleep(config.poll_interval_ms());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
