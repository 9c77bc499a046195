package dev.pergola.api.platform;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Maintenance mode of this node. While it is on, the REST API answers {@code 503 SERVICE_UNAVAILABLE} (with
 * {@code Retry-After}) to every request except: health and status, signing in, and callers holding
 * {@link #BYPASS_PERMISSION} — so an administrator can watch and finish the work that needed it (a restore).
 * Work that needs it {@link #enter enters} and closes the handle when done; several may overlap, and the mode ends
 * when the last handle is closed.
 *
 * @since 1.1
 */
@ProviderType
public interface Maintenance {
    /** Callers holding it are served during maintenance. */
    String BYPASS_PERMISSION = "admin.settings.manage";

    /** Why and since when maintenance is on, if it is. */
    record State(String reason, Instant since) {
    }

    /** Closing it ends this caller's share of maintenance; closing twice does nothing. */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    Optional<State> state();

    default boolean active() {
        return state().isPresent();
    }

    /** Turns maintenance on (or joins it) with a reason shown to refused callers. */
    Handle enter(String reason);
}
