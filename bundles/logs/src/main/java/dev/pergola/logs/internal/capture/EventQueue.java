package dev.pergola.logs.internal.capture;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-over between logging threads and the writer: {@link #offer} never waits (a full queue drops the
 * event and counts it), {@link #take} waits for the writer only.
 */
public final class EventQueue {
    private final BlockingQueue<CapturedEvent> events;
    private final AtomicLong dropped = new AtomicLong();

    public EventQueue(int capacity) {
        this.events = new ArrayBlockingQueue<>(capacity);
    }

    public void offer(CapturedEvent event) {
        if (!events.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** Waits up to {@code waitMillis} for a first event, then takes what is there up to {@code max}. */
    public int take(List<CapturedEvent> into, int max, long waitMillis) throws InterruptedException {
        CapturedEvent first = events.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return 0;
        }
        into.add(first);
        return 1 + events.drainTo(into, max - 1);
    }

    public long dropped() {
        return dropped.get();
    }

    public int size() {
        return events.size();
    }
}
