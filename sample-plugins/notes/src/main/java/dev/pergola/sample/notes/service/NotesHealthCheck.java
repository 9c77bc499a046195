package dev.pergola.sample.notes.service;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.health.HealthResult;

/**
 * {@code notes} in {@code /api/health}: UP with the count, WARN from 90 % of {@code max_notes}. A plugin's check
 * says WARN rather than DOWN and stays out of readiness (any tag but {@code ready}; an empty list would get the
 * default {@code ready} from bnd): a full notebook must not take the node out of the load balancer (the platform's
 * own {@code database} check covers an unreachable database).
 */
@Component
@HealthCheckService(name = "notes", tags = "plugin")
public class NotesHealthCheck implements HealthCheck {
    private final Notes notes;

    @Activate
    public NotesHealthCheck(@Reference Notes notes) {
        this.notes = notes;
    }

    @Override
    public HealthResult check() {
        Notes.Usage usage;
        try {
            usage = notes.usage();
        } catch (RuntimeException e) {
            return HealthResult.warn("cannot count notes: " + e.getMessage(), Map.of());
        }
        Map<String, Object> details = Map.of("notes", usage.notes(), "max_notes", usage.maxNotes());
        String message = usage.notes() + " of " + usage.maxNotes() + " notes";
        return usage.notes() * 10 >= usage.maxNotes() * 9L ? HealthResult.warn(message, details)
                : HealthResult.up(message, details);
    }
}
