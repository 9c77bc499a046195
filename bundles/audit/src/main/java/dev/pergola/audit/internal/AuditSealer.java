package dev.pergola.audit.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.events.PergolaEvent;
import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.MigratedSchema;

/**
 * The node's sealer thread: seals what {@link ChainSealer} finds, then posts each sealed record on Event Admin, in
 * chain order, once its batch has committed. A record nudges it; it then looks every {@value #HOT_POLL_MS} ms for a
 * while (the writer's transaction commits after its record is written), and otherwise every
 * {@value #IDLE_POLL_MS} ms, which also picks up records of other nodes and those left unsealed by a crash.
 */
@Component(service = AuditSealer.class, immediate = true)
public class AuditSealer {
    private static final Logger LOG = LoggerFactory.getLogger(AuditSealer.class);
    static final long HOT_POLL_MS = 40;
    static final long IDLE_POLL_MS = 1000;
    /** How long after a nudge the sealer keeps looking often. */
    static final long HOT_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final ChainSealer chain;
    private final EventAdmin events;
    private final EventData eventData = new EventData(new AuditJson());
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;
    /** Set while a restore replaces the tables: the thread keeps polling but seals nothing. */
    private volatile boolean paused;
    /** Held while sealing a batch, so {@link #pause} can wait for the batch in progress. */
    private final ReentrantLock sealing = new ReentrantLock();
    private volatile long lastNudge = System.nanoTime();

    @Activate
    public AuditSealer(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.audit)") MigratedSchema schema,
            @Reference EventAdmin events) {
        this.chain = new ChainSealer(dataSource, 500);
        this.events = events;
        this.thread = new Thread(this::run, "pergola-audit-sealer");
        thread.setDaemon(true);
        thread.start();
    }

    @Deactivate
    void stop() throws InterruptedException {
        running = false;
        signal();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    /**
     * Stops sealing (a restore is about to replace the tables) once the batch in progress has committed. The sealer
     * keeps no head in memory (each batch reads the chain's end from the database), so nothing needs reloading.
     */
    public void pause() {
        paused = true;
        sealing.lock(); // waits for the batch in progress, if any
        sealing.unlock();
    }

    /** Seals again, starting from the chain's end as the database now holds it. */
    public void resume() {
        paused = false;
        lastNudge = System.nanoTime() - HOT_WINDOW_NANOS;
        nudge();
    }

    /** A record was written: seal soon after its transaction commits. */
    public void nudge() {
        long now = System.nanoTime();
        long previous = lastNudge;
        lastNudge = now;
        if (now - previous >= HOT_WINDOW_NANOS) { // idle until now: wake up; when hot, the next short poll comes anyway
            signal();
        }
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long failures = 0;
        while (running) {
            long pause;
            try {
                drain();
                failures = 0;
                pause = System.nanoTime() - lastNudge < HOT_WINDOW_NANOS ? HOT_POLL_MS : IDLE_POLL_MS;
            } catch (SQLException | RuntimeException e) {
                if (failures++ % 60 == 0) { // once a minute while the database stays away
                    LOG.warn("Cannot seal audit records yet (will retry): {}", e.getMessage());
                }
                pause = IDLE_POLL_MS;
            }
            await(pause);
        }
    }

    private void drain() throws SQLException {
        List<AuditRow> sealed;
        do {
            sealing.lock();
            try {
                if (paused) {
                    return;
                }
                sealed = chain.sealBatch();
                for (AuditRow row : sealed) {
                    post(row);
                }
            } finally {
                sealing.unlock();
            }
        } while (running && sealed.size() == chain.batchSize());
    }

    private void post(AuditRow row) {
        try {
            PergolaEvent event = eventData.event(row);
            events.postEvent(new Event(event.topic(), event.toProperties()));
        } catch (RuntimeException e) { // the record is sealed and in the event log; live listeners miss this one
            LOG.warn("Could not post the event of audit record {} ({}): {}", row.seq(), row.action(), e.getMessage());
        }
    }

    private void await(long millis) {
        lock.lock();
        try {
            if (running) {
                wake.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
