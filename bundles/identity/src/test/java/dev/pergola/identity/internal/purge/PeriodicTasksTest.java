package dev.pergola.identity.internal.purge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.junit.Test;

public class PeriodicTasksTest {
    @Test
    public void runsAtStartAndAFailingTaskDoesNotStopTheOthers() throws Exception {
        AtomicInteger after = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        Map<String, IntSupplier> work = new LinkedHashMap<>();
        work.put("broken", () -> {
            throw new IllegalStateException("database away");
        });
        work.put("rows", () -> {
            after.incrementAndGet();
            ran.countDown();
            return 3;
        });
        PeriodicTasks tasks = new PeriodicTasks("test-purge", work, Duration.ofHours(1));
        try {
            assertTrue("the first round runs at start, not after an interval", ran.await(10, TimeUnit.SECONDS));
            Map<String, Integer> round = tasks.runOnce();
            assertEquals(Integer.valueOf(-1), round.get("broken"));
            assertEquals(Integer.valueOf(3), round.get("rows"));
            assertEquals(2, after.get());
        } finally {
            tasks.stop();
        }
    }

    @Test
    public void stopWaitsForTheRoundInProgress() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        PeriodicTasks tasks = new PeriodicTasks("test-purge", Map.of("slow", () -> {
            started.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            finished.set(true);
            return 1;
        }), Duration.ofHours(1));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        tasks.stop();
        assertTrue("deactivate returns only once the work is done", finished.get());
    }
}
