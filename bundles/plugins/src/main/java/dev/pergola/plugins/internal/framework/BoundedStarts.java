package dev.pergola.plugins.internal.framework;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts plugins on threads of their own and waits a bounded time. A plugin's {@code start()} runs on the thread that
 * calls {@code Bundle.start()} and holds the framework's lock on that bundle: one that never returns must cost its
 * caller the timeout and nothing more. Past the timeout the start is abandoned: the plugin is reported failed, its
 * thread (a daemon, so it never keeps the JVM alive) stops the bundle if the start ever returns, and until then the
 * slug is "stuck": nothing may touch that bundle (a stop, refresh or uninstall would wait on the same lock).
 */
public final class BoundedStarts {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedStarts.class);
    /** The start of a failure message that says the plugin timed out (kept in last_error; read again at boot). */
    public static final String TIMEOUT_PREFIX = "did not start within ";

    private final PluginBundles bundles;
    /** Slugs whose abandoned start has not returned yet, with the thread it runs on. */
    private final Map<String, Thread> stuck = new ConcurrentHashMap<>();
    private final Set<String> starting = ConcurrentHashMap.newKeySet();
    private Thread watch;

    public BoundedStarts(PluginBundles bundles) {
        this.bundles = bundles;
    }

    /** Whether a start of this plugin is under way or stuck (its bundle must not be touched). */
    public boolean busy(String slug) {
        return starting.contains(slug) || stuck.containsKey(slug);
    }

    public boolean stuck(String slug) {
        return stuck.containsKey(slug);
    }

    /**
     * Starts the plugin (see {@link PluginBundles#start}) and waits at most {@code timeoutSeconds}.
     * @throws PluginStartException the start failed, or did not finish in time ({@link #TIMEOUT_PREFIX})
     */
    public void start(String slug, Bundle bundle, long settleMillis, int timeoutSeconds) throws PluginStartException {
        if (!starting.add(slug) || stuck.containsKey(slug)) {
            throw new PluginStartException("a start of this plugin is already under way");
        }
        Attempt attempt = new Attempt();
        Thread thread = new Thread(() -> attempt.run(() -> bundles.start(bundle, settleMillis)), "pergola-plugin-start-" + slug);
        thread.setDaemon(true);
        try {
            thread.start();
            if (attempt.await(timeoutSeconds * 1000L)) {
                attempt.rethrow();
                return;
            }
            stuck.put(slug, thread);
            watchShutdown();
            attempt.whenReturned = () -> {
                bundles.stopQuietly(bundle);
                stuck.remove(slug);
                LOG.warn("The abandoned start of plugin {} returned; its bundle is stopped again", slug);
            };
            if (attempt.abandon()) {
                attempt.whenReturned.run();
            }
            throw new PluginStartException(TIMEOUT_PREFIX + timeoutSeconds + " s");
        } finally {
            starting.remove(slug);
        }
    }

    /** While some start is stuck, a daemon watch lets a framework shutdown get past it ({@link ShutdownUnblocker}). */
    private synchronized void watchShutdown() {
        if (watch == null || !watch.isAlive()) {
            watch = new Thread(new ShutdownUnblocker(() -> stuck, bundles::frameworkStopping),
                    "pergola-plugin-shutdown-watch");
            watch.setDaemon(true);
            watch.start();
        }
    }

    /** Interrupts the abandoned starts (at deactivation): a well-behaved plugin gives up; others keep their daemon thread. */
    public void interruptStuck() {
        stuck.values().forEach(Thread::interrupt);
    }

    /** Stops the shutdown watch (at deactivation; by then the framework got past the stuck bundles). */
    public synchronized void close() {
        if (watch != null) {
            watch.interrupt();
        }
    }

    /** One start: its outcome, and what to do if it returns after the caller gave up. */
    private static final class Attempt {
        interface Start {
            void run() throws PluginStartException;
        }

        private boolean done;
        private boolean abandoned;
        private Throwable failure;
        volatile Runnable whenReturned;

        void run(Start start) {
            Throwable outcome = null;
            try {
                start.run();
            } catch (PluginStartException | RuntimeException | Error e) {
                outcome = e;
            }
            boolean late;
            synchronized (this) {
                failure = outcome;
                done = true;
                late = abandoned;
                notifyAll();
            }
            if (late) {
                whenReturned.run();
            }
        }

        synchronized boolean await(long millis) {
            long deadline = System.currentTimeMillis() + millis;
            try {
                for (long left = millis; !done && left > 0; left = deadline - System.currentTimeMillis()) {
                    wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return done;
        }

        /** @return true when the start returned meanwhile (the caller cleans up itself) */
        synchronized boolean abandon() {
            abandoned = true;
            return done;
        }

        void rethrow() throws PluginStartException {
            if (failure instanceof PluginStartException e) {
                throw e;
            }
            if (failure != null) {
                throw new PluginStartException(Failures.rootCause(failure));
            }
        }
    }
}
