package dev.pergola.logs.internal.tail;

import dev.pergola.logs.internal.service.LogCriteria;
import dev.pergola.logs.internal.store.LogEntry;

/** One open live tail: what it wants and where new entries go. */
public interface TailSubscriber {
    LogCriteria criteria();

    /** Sends one entry. @return false once the client is gone (the tail then forgets it) */
    boolean send(LogEntry entry);

    /** Keeps proxies from closing an idle stream. @return false once the client is gone */
    boolean heartbeat();

    /** The platform is stopping: end the stream. */
    void close();
}
