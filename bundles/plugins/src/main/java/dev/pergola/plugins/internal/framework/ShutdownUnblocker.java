package dev.pergola.plugins.internal.framework;

import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the framework stop past a plugin stuck in its start. Stopping the framework stops every bundle, and stopping
 * one takes the framework's lock on it, which the stuck start holds: Felix waits for it, and retries it for as long as
 * the bundle is installed, so {@code bin/stop} and a SIGTERM (Felix's shutdown hook) would wait for the plugin.
 * While the framework is stopping, this watch first interrupts the stuck start's thread (a plugin that honours
 * interrupts gives up), then, if the start still has not returned, stops that thread ({@code Thread.stop}, which
 * Java 17 to 19 still perform: the plugin's start ends with a {@code ThreadDeath}, the framework releases the lock
 * and shutdown goes on). Where the JVM no longer can, Karaf's {@code karaf.shutdown.timeout} (etc/system.properties,
 * 60 s in Pergola) still ends {@code bin/stop}. The watch is a daemon and runs only while some start is stuck.
 */
final class ShutdownUnblocker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownUnblocker.class);
    private static final long POLL_MILLIS = 500;
    /** Polls between the interrupt and the stop (a start that honours interrupts gets this long to return). */
    private static final int PATIENCE = 4;

    private final Supplier<Map<String, Thread>> stuck;
    private final BooleanSupplier frameworkStopping;
    private final Map<Thread, Integer> seen = new HashMap<>();

    ShutdownUnblocker(Supplier<Map<String, Thread>> stuck, BooleanSupplier frameworkStopping) {
        this.stuck = stuck;
        this.frameworkStopping = frameworkStopping;
    }

    @Override
    public void run() {
        try {
            while (!stuck.get().isEmpty() && !Thread.currentThread().isInterrupted()) {
                if (frameworkStopping.getAsBoolean()) {
                    stuck.get().forEach(this::release);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void release(String slug, Thread start) {
        int polls = seen.merge(start, 1, Integer::sum);
        if (polls == 1) {
            LOG.warn("The framework is stopping and plugin {} is still in its start; interrupting it", slug);
            start.interrupt();
        } else if (polls == PATIENCE) {
            LOG.warn("Plugin {} ignores interrupts in its start, which keeps the framework from stopping; stopping its"
                    + " thread", slug);
            stopThread(start);
        }
    }

    /** Thread.stop, by reflection: deprecated, and refused from Java 20 on (then the shutdown timeout applies). */
    static boolean stopThread(Thread thread) {
        try {
            Thread.class.getMethod("stop").invoke(thread);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Cannot stop thread {} ({}); karaf.shutdown.timeout will end the JVM", thread.getName(),
                    e instanceof InvocationTargetException ite ? ite.getCause() : e);
            return false;
        }
    }
}
