package dev.pergola.logs.internal.tail;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;

import dev.pergola.logs.internal.capture.LogsConfig;
import dev.pergola.logs.internal.store.LogEntry;

/**
 * The open {@code /api/v1/logs/stream} connections. New entries arrive from the log writer thread right after they
 * are stored (so each carries its id); a subscriber gets those its criteria match. A heartbeat every 15 s finds the
 * clients that left.
 */
@Component(service = LiveTail.class, configurationPid = LogsConfig.PID)
public class LiveTail {
    static final long HEARTBEAT_SECONDS = 15;

    private final Set<TailSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat;
    private volatile int max;

    @Activate
    public LiveTail(LogsConfig config) {
        this.max = config.max_tails();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pergola-log-tail-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    @Modified
    void modified(LogsConfig config) {
        this.max = config.max_tails();
    }

    @Deactivate
    public void deactivate() {
        heartbeat.shutdownNow();
        subscribers.forEach(TailSubscriber::close);
        subscribers.clear();
    }

    /** @return false when {@code max_tails} streams are open already */
    public synchronized boolean open(TailSubscriber subscriber) {
        if (subscribers.size() >= max) {
            return false;
        }
        return subscribers.add(subscriber);
    }

    public void publish(List<LogEntry> entries) {
        for (TailSubscriber s : subscribers) {
            for (LogEntry e : entries) {
                if (s.criteria().matches(e) && !s.send(e.withoutStackTrace())) {
                    subscribers.remove(s);
                    break;
                }
            }
        }
    }

    public int open() {
        return subscribers.size();
    }

    private void beat() {
        subscribers.removeIf(s -> !s.heartbeat());
    }
}
