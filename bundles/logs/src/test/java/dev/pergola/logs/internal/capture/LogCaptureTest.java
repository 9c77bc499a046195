package dev.pergola.logs.internal.capture;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.After;
import org.junit.Test;
import org.osgi.service.log.LogLevel;

import dev.pergola.logs.internal.store.LogEntry;
import dev.pergola.logs.internal.store.LogStore;
import dev.pergola.logs.internal.tail.LiveTail;

/** Capture without a database: what is kept, what is copied from the MDC, what happens when storing fails. */
public class LogCaptureTest {
    private final BlockingQueue<CapturedEvent> written = new LinkedBlockingQueue<>();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private volatile CountDownLatch blocked = new CountDownLatch(0);
    private final LiveTail tail = new LiveTail(TestConfig.of(Map.of()));
    private LogCapture capture;

    private final LogStore store = new LogStore(null) {
        @Override
        public List<LogEntry> insert(List<CapturedEvent> events) {
            try {
                blocked.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (databaseDown.get()) {
                throw new IllegalStateException("log store: connection refused");
            }
            List<LogEntry> stored = new ArrayList<>();
            for (CapturedEvent e : events) {
                written.add(e);
                stored.add(new LogEntry(written.size(), e.loggedAt(), e.level().name(), e.logger(), e.bundle(),
                        e.thread(), e.message(), e.requestId(), e.stackTrace() != null, e.stackTrace()));
            }
            return stored;
        }
    };

    @After
    public void tearDown() throws InterruptedException {
        blocked.countDown();
        if (capture != null) {
            capture.deactivate();
        }
        tail.deactivate();
    }

    private LogCapture capture(Map<String, Object> config) {
        capture = new LogCapture(store, tail, TestConfig.of(config));
        return capture;
    }

    @Test
    public void keepsTheCaptureLevelAndAboveWithBundleRequestIdAndStackTrace() throws Exception {
        capture(Map.of("capture_level", "WARN"));
        capture.doAppend(new PaxEvent(LogLevel.INFO, "dev.pergola.x", "ignored", Map.of(), null));
        capture.doAppend(new PaxEvent(LogLevel.ERROR, "dev.pergola.x", "boom",
                Map.of("bundle.name", "dev.pergola.rest", "request_id", "r-42"), new String[] {"java.lang.X", "\tat a"}));
        CapturedEvent e = written.poll(5, TimeUnit.SECONDS);
        assertEquals("boom", e.message());
        assertEquals("dev.pergola.rest", e.bundle());
        assertEquals("r-42", e.requestId());
        assertEquals("java.lang.X\n\tat a", e.stackTrace());
        assertEquals("nothing else was written", null, written.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    public void skipsJdbcDriverLoggersAndTheirChildrenOnly() throws Exception {
        capture(Map.of());
        capture.doAppend(new PaxEvent(LogLevel.WARN, "org.postgresql.core.v3.QueryExecutorImpl", "driver", Map.of(), null));
        capture.doAppend(new PaxEvent(LogLevel.WARN, "org.postgresqlish.Other", "kept", Map.of(), null));
        assertEquals("kept", written.poll(5, TimeUnit.SECONDS).message());
        assertEquals(null, written.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    public void aFullQueueDropsAndCountsWithoutBlockingTheLoggingThread() throws Exception {
        blocked = new CountDownLatch(1); // the writer is stuck in its first insert
        capture(Map.of("queue_capacity", 100, "batch_size", 1));
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            capture.doAppend(new PaxEvent(LogLevel.INFO, "dev.pergola.x", "m" + i, Map.of(), null));
        }
        assertTrue("logging never waited", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000);
        assertTrue("at least 1000 - 100 - the one being written were dropped: " + capture.dropped(),
                capture.dropped() >= 899);
        blocked.countDown();
    }

    @Test
    public void aDatabaseOutageCountsTheLostBatchAndWritingResumes() throws Exception {
        databaseDown.set(true);
        capture(Map.of());
        capture.doAppend(new PaxEvent(LogLevel.INFO, "dev.pergola.x", "lost", Map.of(), null));
        long deadline = System.currentTimeMillis() + 5000;
        while (capture.dropped() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, capture.dropped());
        databaseDown.set(false);
        capture.doAppend(new PaxEvent(LogLevel.INFO, "dev.pergola.x", "kept", Map.of(), null));
        assertEquals("kept", written.poll(5, TimeUnit.SECONDS).message());
    }
}
