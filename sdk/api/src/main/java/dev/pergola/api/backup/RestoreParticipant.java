package dev.pergola.api.backup;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when the platform's database is about to be replaced by a restore, and when it has been. Register one when a
 * component keeps state derived from its tables (caches, cursors, a queue worker) or writes in the background.
 * Both calls happen in maintenance mode, on the restoring thread; they should return within seconds. An exception
 * from {@link #beforeRestore} aborts the restore before anything changed.
 */
@ConsumerType
public interface RestoreParticipant {
    /** Stop background work on your tables (let the current unit finish); do not start new work until told. */
    default void beforeRestore() {
    }

    /**
     * The restored rows are committed (whether the restore succeeded or the previous data was put back): drop
     * caches, reload state, resume background work.
     */
    default void afterRestore() {
    }
}
