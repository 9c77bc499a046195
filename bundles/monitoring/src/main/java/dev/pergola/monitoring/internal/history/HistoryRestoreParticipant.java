package dev.pergola.monitoring.internal.history;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.backup.RestoreParticipant;

/** Holds the rollup job's writes while a restore replaces {@code metric_samples}. */
@Component
public class HistoryRestoreParticipant implements RestoreParticipant {
    private final MetricsHistory history;

    @Activate
    public HistoryRestoreParticipant(@Reference MetricsHistory history) {
        this.history = history;
    }

    @Override
    public void beforeRestore() {
        history.paused(true);
    }

    @Override
    public void afterRestore() {
        history.paused(false);
    }
}
