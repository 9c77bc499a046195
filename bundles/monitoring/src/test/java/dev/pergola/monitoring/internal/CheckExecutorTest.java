package dev.pergola.monitoring.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthResult;

public class CheckExecutorTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private CheckExecutor executor;

    @After
    public void tearDown() {
        release.countDown();
        executor.shutdown();
    }

    private HealthCheck hanging(AtomicInteger started) {
        return () -> {
            started.incrementAndGet();
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return HealthResult.up("late");
        };
    }

    @Test
    public void aHangingCheckIsDownAfterTheTimeoutAndNeverStartedTwice() {
        executor = new CheckExecutor(200, 0);
        AtomicInteger started = new AtomicInteger();
        HealthCheck hang = hanging(started);
        List<HealthReport.Named> checks = List.of(new HealthReport.Named("hang", hang),
                new HealthReport.Named("fine", () -> HealthResult.up("fine")));
        for (int i = 0; i < 3; i++) {
            Map<String, HealthResult> results = executor.run(checks, false);
            assertEquals(HealthResult.Status.DOWN, results.get("hang").status());
            assertTrue(results.get("hang").message().contains("did not answer within 200 ms"));
            assertEquals(HealthResult.Status.UP, results.get("fine").status());
        }
        assertEquals(1, started.get());
    }

    @Test
    public void checksRunInParallel() {
        executor = new CheckExecutor(5_000, 0);
        CountDownLatch both = new CountDownLatch(2);
        java.util.function.Supplier<HealthCheck> meeting = () -> () -> {
            both.countDown();
            try {
                // each check waits for the other: only a parallel run lets both finish
                return both.await(5, TimeUnit.SECONDS) ? HealthResult.up("met") : HealthResult.down("alone");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return HealthResult.down("interrupted");
            }
        };
        Map<String, HealthResult> results = executor.run(List.of(new HealthReport.Named("a", meeting.get()),
                new HealthReport.Named("b", meeting.get())), false);
        assertEquals(HealthResult.Status.UP, results.get("a").status());
        assertEquals(HealthResult.Status.UP, results.get("b").status());
    }

    @Test
    public void aResultIsReusedWithinTheCacheInterval() {
        executor = new CheckExecutor(1_000, 60_000);
        AtomicInteger runs = new AtomicInteger();
        HealthCheck counted = () -> HealthResult.up("run " + runs.incrementAndGet());
        List<HealthReport.Named> checks = List.of(new HealthReport.Named("c", counted));
        for (int i = 0; i < 20; i++) {
            executor.run(checks, false);
        }
        assertEquals(1, runs.get());
        executor.forget(counted);
        executor.run(checks, false);
        assertEquals(2, runs.get());
        executor.run(checks, true);
        assertEquals("a fresh run does not reuse the cached result", 3, runs.get());
    }
}
