package dev.pergola.identity.internal.lifecycle;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up work of a component that needs the database (seeding, first-boot data), run on a thread the
 * component owns and retried with a growing pause until it succeeds. SCR never retries a constructor that threw,
 * so doing this work there would leave the component dead after one database blip at boot. The owning component
 * creates it when it activates and calls {@link #stop()} when it deactivates.
 */
public final class RetryingStart {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingStart.class);
    private static final Duration MAX_PAUSE = Duration.ofMinutes(1);

    private final String what;
    private final Runnable work;
    private final Duration firstPause;
    private final ScheduledThreadPoolExecutor thread;
    private volatile boolean done;

    /** Thrown by work that waits for something else to be ready first: retried without a warning. */
    public static final class NotYet extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotYet(String reason) {
            super(reason, null, false, false);
        }
    }

    public RetryingStart(String what, Runnable work) {
        this(what, work, Duration.ofSeconds(1));
    }

    /** @param firstPause the pause after the first failure; it doubles after each next one, up to a minute */
    public RetryingStart(String what, Runnable work, Duration firstPause) {
        this.what = what;
        this.work = work;
        this.firstPause = firstPause;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "pergola-start: " + what);
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // a stopped owner retries nothing
        thread.execute(() -> attempt(1));
    }

    private void attempt(int number) {
        try {
            work.run();
            done = true;
            if (number > 1) {
                LOG.info("{}: done at attempt {}", what, number);
            }
        } catch (RuntimeException e) {
            long pause = Math.min(MAX_PAUSE.toMillis(), firstPause.toMillis() << Math.min(number - 1, 16));
            if (e instanceof NotYet) {
                LOG.debug("{} waits (attempt {}): {}", what, number, e.getMessage());
            } else {
                LOG.warn("{} failed (attempt {}); trying again in {} ms: {}", what, number, pause, e.toString());
            }
            if (!thread.isShutdown()) {
                thread.schedule(() -> attempt(number + 1), pause, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Whether the work has succeeded. */
    public boolean done() {
        return done;
    }

    /** Cancels pending retries and waits (up to 10 s) for an attempt in progress. */
    public void stop() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{}: an attempt still running after 10 s was interrupted", what);
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
