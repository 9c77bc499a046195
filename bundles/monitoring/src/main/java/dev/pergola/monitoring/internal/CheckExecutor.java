package dev.pergola.monitoring.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthResult;

/**
 * Runs health checks in parallel on its own threads, each bounded by a timeout, and reuses a result for a short
 * while, so a probe never waits for a slow check and a flood of probes runs each check at most once per
 * interval. A check that hangs keeps its one thread (it is never started twice while running) and reports DOWN
 * until it answers.
 */
final class CheckExecutor {
    private static final int MAX_THREADS = 16;

    private final long timeoutNanos;
    private final long cacheNanos;
    private final ThreadPoolExecutor pool;
    private final Map<HealthCheck, Run> runs = new ConcurrentHashMap<>();

    private record Run(CompletableFuture<HealthResult> result, long startedNanos) {
    }

    CheckExecutor(long timeoutMillis, long cacheMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.cacheNanos = TimeUnit.MILLISECONDS.toNanos(cacheMillis);
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "pergola-health-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Each check's result, in the order given; the whole call takes at most about one timeout.
     *
     * @param fresh run each check anew rather than reuse a recent result (a check still running is never started
     *              twice, though)
     */
    Map<String, HealthResult> run(List<HealthReport.Named> checks, boolean fresh) {
        long now = System.nanoTime();
        Map<String, CompletableFuture<HealthResult>> started = new LinkedHashMap<>();
        for (HealthReport.Named named : checks) {
            started.put(named.name(), current(named.check(), now, fresh));
        }
        long deadline = now + timeoutNanos;
        Map<String, HealthResult> results = new LinkedHashMap<>();
        started.forEach((name, future) -> results.put(name, await(future, deadline)));
        return results;
    }

    void forget(HealthCheck check) {
        runs.remove(check);
    }

    void shutdown() {
        pool.shutdownNow();
        runs.clear();
    }

    private CompletableFuture<HealthResult> current(HealthCheck check, long now, boolean fresh) {
        return runs.compute(check, (c, run) -> {
            if (run != null && (!run.result().isDone() || (!fresh && now - run.startedNanos() < cacheNanos))) {
                return run;
            }
            try {
                return new Run(CompletableFuture.supplyAsync(() -> HealthReport.evaluate(c), pool), now);
            } catch (RejectedExecutionException e) {
                return new Run(CompletableFuture.completedFuture(
                        HealthResult.down("not run: too many checks are still running")), now);
            }
        }).result();
    }

    private HealthResult await(CompletableFuture<HealthResult> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return HealthResult.down("did not answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
        } catch (ExecutionException e) {
            return HealthResult.down("the check failed: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthResult.down("interrupted");
        }
    }
}
