package dev.pergola.tasks.internal.restore;

import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.backup.RestoreParticipant;
import dev.pergola.tasks.internal.engine.TaskEngine;

/**
 * Holds every job while a restore replaces the database: no run starts (its rows and the job's own writes would race
 * the restored tables), running ones are given a while to end, and afterwards the engine re-reads the restored task
 * state (pauses, schedules, last runs) before it runs anything again.
 */
@Component
public class TasksRestoreParticipant implements RestoreParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(TasksRestoreParticipant.class);
    static final Duration WAIT = Duration.ofSeconds(30);

    private final TaskEngine engine;

    @Activate
    public TasksRestoreParticipant(@Reference TaskEngine engine) {
        this.engine = engine;
    }

    @Override
    public void beforeRestore() {
        try {
            if (!engine.hold(WAIT)) {
                LOG.warn("Task runs still going after {} s; the restore goes ahead (they were asked to stop)",
                        WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            engine.release();
            throw new IllegalStateException("interrupted while waiting for running tasks", e);
        }
    }

    @Override
    public void afterRestore() {
        engine.release();
    }
}
