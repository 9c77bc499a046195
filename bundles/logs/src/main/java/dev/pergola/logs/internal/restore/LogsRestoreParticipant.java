package dev.pergola.logs.internal.restore;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.backup.RestoreParticipant;
import dev.pergola.logs.internal.capture.LogCapture;

/**
 * Holds the log writer while a restore replaces {@code pergola_log_entries}: without it the writer's inserts race the
 * restore's rows for the same ids and the restore fails. Events logged meanwhile are stored after it.
 */
@Component
public class LogsRestoreParticipant implements RestoreParticipant {
    private final LogCapture capture;

    @Activate
    public LogsRestoreParticipant(@Reference LogCapture capture) {
        this.capture = capture;
    }

    @Override
    public void beforeRestore() {
        capture.pauseWriting();
    }

    @Override
    public void afterRestore() {
        capture.resumeWriting();
    }
}
