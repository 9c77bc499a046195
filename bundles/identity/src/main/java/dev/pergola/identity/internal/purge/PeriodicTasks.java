package dev.pergola.identity.internal.purge;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs named clean-up tasks on one background thread: now, then at a fixed interval. A failing task is
 * logged and does not keep the others, or the next round, from running. {@link #stop()} waits for a round
 * in progress.
 */
final class PeriodicTasks {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTasks.class);

    private final Map<String, IntSupplier> tasks;
    private final ScheduledExecutorService scheduler;

    /** @param tasks name → task returning how many rows it removed */
    PeriodicTasks(String threadName, Map<String, IntSupplier> tasks, Duration interval) {
        this.tasks = new LinkedHashMap<>(tasks);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1000, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::runOnce, 0, millis, TimeUnit.MILLISECONDS);
    }

    /** One round over every task; what each removed, -1 for one that failed. */
    Map<String, Integer> runOnce() {
        Map<String, Integer> removed = new LinkedHashMap<>();
        tasks.forEach((name, task) -> {
            try {
                int count = task.getAsInt();
                removed.put(name, count);
                if (count > 0) {
                    LOG.info("Clean-up: {} {} deleted", count, name);
                }
            } catch (RuntimeException e) {
                removed.put(name, -1);
                LOG.warn("Clean-up of {} failed; it is tried again next round", name, e);
            }
        });
        return removed;
    }

    /** Stops scheduling and waits (up to 30 s) for a round in progress. */
    void stop() throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("A clean-up round still running after 30 s: interrupted");
            scheduler.shutdownNow();
        }
    }
}
