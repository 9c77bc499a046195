package dev.pergola.identity.internal.lifecycle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

public class RetryingStartTest {

    @Test
    public void aDatabaseBlipAtBootHealsByItself() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch succeeded = new CountDownLatch(1);
        RetryingStart start = new RetryingStart("seed", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("database not reachable");
            }
            succeeded.countDown();
        }, Duration.ofMillis(10));
        assertTrue("the third attempt succeeds", succeeded.await(5, TimeUnit.SECONDS));
        start.stop();
        assertTrue(start.done());
        assertEquals(3, attempts.get());
    }

    @Test
    public void stopEndsTheRetriesAndWaitsForTheAttemptInProgress() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        RetryingStart start = new RetryingStart("seed", () -> {
            attempts.incrementAndGet();
            running.countDown();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
            throw new IllegalStateException("still down");
        }, Duration.ofMillis(10));
        assertTrue(running.await(5, TimeUnit.SECONDS));
        start.stop();
        assertEquals("stop waited for the attempt in progress", 1, finished.get());
        Thread.sleep(100);
        assertEquals("no retry after stop", 1, attempts.get());
        assertFalse(start.done());
    }
}
