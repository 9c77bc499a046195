package dev.pergola.audit.internal.restore;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.backup.RestoreParticipant;
import dev.pergola.audit.internal.AuditSealer;

/**
 * Keeps the sealer off the audit tables while a restore replaces them: a batch sealed against the old chain and
 * committed into the new one would fork it. After the restore the sealer continues from the restored chain's end
 * (and seals the records the backup held unsealed).
 */
@Component
public class SealerRestoreParticipant implements RestoreParticipant {
    private final AuditSealer sealer;

    @Activate
    public SealerRestoreParticipant(@Reference AuditSealer sealer) {
        this.sealer = sealer;
    }

    @Override
    public void beforeRestore() {
        sealer.pause();
    }

    @Override
    public void afterRestore() {
        sealer.resume();
    }
}
