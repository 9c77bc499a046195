package dev.pergola.rest.internal.maintenance;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.platform.Maintenance;

/**
 * Maintenance of this node, in memory: each {@link #enter} opens a handle, the mode lasts while any is open. The
 * reason shown is the oldest open handle's; {@code since} is when the mode began. Other nodes are not told (a
 * restore replaces the shared database, so every node should be quiet — documented in docs/backups.md).
 */
@Component(service = Maintenance.class)
public class NodeMaintenance implements Maintenance {
    private static final Logger LOG = LoggerFactory.getLogger(NodeMaintenance.class);

    private final Clock clock;
    private final List<OpenHandle> open = new ArrayList<>(); // guarded by this
    private Instant since; // guarded by this; null while off

    @Activate
    public NodeMaintenance() {
        this(Clock.systemUTC());
    }

    NodeMaintenance(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<State> state() {
        return open.isEmpty() ? Optional.empty() : Optional.of(new State(open.get(0).reason, since));
    }

    @Override
    public Handle enter(String reason) {
        String why = reason == null || reason.isBlank() ? "maintenance" : reason.strip();
        OpenHandle handle = new OpenHandle(why);
        synchronized (this) {
            if (open.isEmpty()) {
                since = clock.instant();
                LOG.warn("Maintenance mode on: {} (the REST API answers 503 except health, status and sign-in)", why);
            }
            open.add(handle);
        }
        return handle;
    }

    private synchronized void leave(OpenHandle handle) {
        if (open.remove(handle) && open.isEmpty()) {
            LOG.warn("Maintenance mode off (began {}, last reason: {})", since, handle.reason);
            since = null;
        }
    }

    /** Identity matters: two handles with the same reason are two shares of maintenance. */
    private final class OpenHandle implements Handle {
        private final String reason;

        OpenHandle(String reason) {
            this.reason = reason;
        }

        @Override
        public void close() {
            leave(this); // a second close finds nothing to remove
        }
    }
}
