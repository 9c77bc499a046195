package dev.pergola.logs.internal.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.logs.internal.store.LogEntry;

/**
 * The writer thread: takes batches off the queue, stores them, hands the stored entries on (live tail, meters). What
 * it logs itself is never captured ({@link #isWriterThread}), and after a failed batch it logs once per outage and
 * waits a second, so a database that is down costs neither a flood of warnings nor a busy loop.
 */
final class LogWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);
    private static final long POLL_MILLIS = 250;
    private static final long RETRY_MILLIS = 1000;

    private final EventQueue queue;
    private final Function<List<CapturedEvent>, List<LogEntry>> store;
    private final Consumer<List<LogEntry>> stored;
    private final Runnable lost;
    private volatile int batchSize;
    private volatile boolean running = true;
    private volatile boolean paused;
    private final Object writing = new Object();
    private volatile Thread thread;
    private boolean failing;

    LogWriter(EventQueue queue, int batchSize, Function<List<CapturedEvent>, List<LogEntry>> store,
            Consumer<List<LogEntry>> stored, Runnable lost) {
        this.queue = queue;
        this.batchSize = batchSize;
        this.store = store;
        this.stored = stored;
        this.lost = lost;
    }

    void start(String name) {
        Thread t = new Thread(this, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    void batchSize(int size) {
        this.batchSize = Math.max(1, size);
    }

    /** Stops after writing what is queued (for at most {@code waitMillis}). */
    void stop(long waitMillis) throws InterruptedException {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.join(waitMillis);
            t.interrupt();
            t.join(waitMillis);
        }
    }

    /**
     * Holds writing (a restore replaces the table): returns once the batch in flight is stored; events wait in the
     * bounded queue meanwhile (beyond its capacity they are dropped and counted).
     */
    void pause() {
        paused = true;
        synchronized (writing) {
            // the batch in flight, if any, has been written
        }
    }

    void resume() {
        paused = false;
    }

    @Override
    public void run() {
        List<CapturedEvent> batch = new ArrayList<>();
        while (running || queue.size() > 0) {
            try {
                if (paused && running) {
                    Thread.sleep(POLL_MILLIS);
                    continue;
                }
                synchronized (writing) {
                    batch.clear();
                    if (!paused && queue.take(batch, batchSize, POLL_MILLIS) > 0) {
                        write(batch);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One batch: stored and passed on, or counted as lost. */
    void write(List<CapturedEvent> batch) throws InterruptedException {
        List<LogEntry> entries;
        try {
            entries = store.apply(batch);
        } catch (RuntimeException e) {
            for (int i = 0; i < batch.size(); i++) {
                lost.run();
            }
            if (!failing) {
                failing = true;
                LOG.warn("Log events cannot be stored ({}); dropping them until the database answers again",
                        e.getMessage());
            }
            Thread.sleep(RETRY_MILLIS);
            return;
        }
        if (failing) {
            failing = false;
            LOG.info("Log events are stored again");
        }
        try {
            stored.accept(entries);
        } catch (RuntimeException e) {
            LOG.warn("A consumer of stored log events failed", e);
        }
    }
}
