package dev.pergola.events.internal.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.pergola.api.events.PergolaEvent;
import dev.pergola.api.identity.PergolaPrincipal;

/**
 * One open stream (an SSE response or a WebSocket): who is listening, what it asked for, and the sequence it has
 * reached. Events reach it in sequence order, each at most once; while it replays the past (a resumed SSE stream)
 * live events wait in a buffer, so the switch from replay to live leaves no gap and sends nothing twice.
 */
public abstract class Subscriber {
    private final Object lock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile PergolaPrincipal principal;
    private volatile Runnable onClose = () -> {
    };
    private long lastSequence;
    private List<Routed> buffered;

    /** An event with the permission its type requires. */
    record Routed(PergolaEvent event, String permission) {
    }

    protected Subscriber(PergolaPrincipal principal) {
        this.principal = principal;
    }

    public PergolaPrincipal principal() {
        return principal;
    }

    void principal(PergolaPrincipal current) {
        this.principal = current;
    }

    /** Whether this stream asked for the event (its type and channel filters); permissions are checked apart. */
    protected abstract boolean wants(PergolaEvent event);

    /** Writes the event out without blocking on the client. */
    protected abstract void send(PergolaEvent event);

    /** Keeps an idle stream alive (and finds out whether the client is still there). */
    protected abstract void heartbeat();

    /** Ends the transport, telling the client why where the protocol allows it. */
    protected abstract void terminate(String code, String reason);

    void offer(Routed routed) {
        synchronized (lock) {
            if (buffered != null) {
                buffered.add(routed);
            } else {
                deliver(routed);
            }
        }
    }

    void beginReplay(long after) {
        synchronized (lock) {
            lastSequence = after;
            buffered = new ArrayList<>();
        }
    }

    void replay(Routed routed) {
        synchronized (lock) {
            deliver(routed);
        }
    }

    void endReplay() {
        synchronized (lock) {
            List<Routed> waiting = buffered;
            buffered = null;
            if (waiting != null) {
                waiting.forEach(this::deliver);
            }
        }
    }

    long lastSequence() {
        synchronized (lock) {
            return lastSequence;
        }
    }

    private void deliver(Routed routed) {
        PergolaEvent event = routed.event();
        if (closed.get() || event.sequence() <= lastSequence) {
            return;
        }
        lastSequence = event.sequence();
        if (principal.hasPermission(routed.permission()) && wants(event)) {
            send(event);
        }
    }

    void onClose(Runnable release) {
        this.onClose = release;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Closes the stream once: frees its connection slot, then ends the transport. */
    public final void close(String code, String reason) {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
            terminate(code, reason);
        }
    }
}
