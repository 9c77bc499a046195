package dev.pergola.logs.internal.capture;

import java.util.Arrays;
import java.util.List;

import org.ops4j.pax.logging.PaxLoggingConstants;
import org.ops4j.pax.logging.spi.PaxAppender;
import org.ops4j.pax.logging.spi.PaxLoggingEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import dev.pergola.api.metrics.Meters;
import dev.pergola.logs.internal.LogLevel;
import dev.pergola.logs.internal.store.LogEntry;
import dev.pergola.logs.internal.store.LogStore;
import dev.pergola.logs.internal.tail.LiveTail;

/**
 * Captures the platform's log events. Karaf's {@code org.ops4j.pax.logging.cfg} sends the root logger to the
 * {@code PaxOsgi} appender with filter {@code *}, which calls every {@link PaxAppender} service that has an appender
 * name: this is one. {@link #doAppend} runs on the logging thread and only copies the event into a bounded queue; the
 * writer thread stores batches and feeds the live tail and the meters.
 */
@Component(service = {PaxAppender.class, LogCapture.class}, configurationPid = LogsConfig.PID,
        property = PaxLoggingConstants.SERVICE_PROPERTY_APPENDER_NAME_PROPERTY + "=" + LogCapture.APPENDER_NAME)
@Designate(ocd = LogsConfig.class)
public class LogCapture implements PaxAppender {
    static final String APPENDER_NAME = "pergola.logs";

    private final EventQueue queue;
    private final LogWriter writer;
    private final LiveTail tail;
    private volatile CaptureRules rules;
    private volatile EventCounters counters;
    /** Events of batches the database refused; written by the writer thread only. */
    private volatile long lost;

    @Activate
    public LogCapture(@Reference LogStore store, @Reference LiveTail tail, LogsConfig config) {
        this.queue = new EventQueue(config.queue_capacity());
        this.tail = tail;
        this.rules = rules(config);
        this.writer = new LogWriter(queue, config.batch_size(), store::insert, this::stored, this::lostOne);
        writer.start("pergola-log-writer");
    }

    @Modified
    void modified(LogsConfig config) {
        rules = rules(config);
        writer.batchSize(config.batch_size());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        writer.stop(2000);
    }

    /** Stops storing (captured events wait in the queue) until {@link #resumeWriting}. */
    public void pauseWriting() {
        writer.pause();
    }

    public void resumeWriting() {
        writer.resume();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindMeters(Meters meters) {
        counters = new EventCounters(meters);
    }

    void unbindMeters(Meters meters) {
        counters = null;
    }

    @Override
    public void doAppend(PaxLoggingEvent event) {
        if (writer.isWriterThread()) {
            return; // never store what storing logs: it would feed itself
        }
        LogLevel level = PaxEvents.level(event);
        if (rules.keeps(level, event.getLoggerName())) {
            queue.offer(PaxEvents.copy(event, level));
        }
    }

    /** Events dropped since start: queue full or the database failed. */
    public long dropped() {
        return queue.dropped() + lost;
    }

    public int queued() {
        return queue.size();
    }

    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    private void lostOne() {
        lost++; // only the writer thread writes it
    }

    private void stored(List<LogEntry> entries) {
        EventCounters c = counters;
        if (c != null) {
            c.captured(entries);
            c.droppedTotal(dropped());
        }
        tail.publish(entries);
    }

    private static CaptureRules rules(LogsConfig config) {
        // a .cfg file gives one comma-separated string, Config Admin an array: both are read
        return new CaptureRules(LogLevel.parse(config.capture_level()).orElse(LogLevel.INFO),
                Arrays.stream(config.skip_loggers()).flatMap(s -> Arrays.stream(s.split(","))).toList());
    }
}
