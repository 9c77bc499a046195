package dev.pergola.plugins.internal.restore;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.backup.RestoreParticipant;
import dev.pergola.plugins.internal.service.PluginService;

/**
 * After a restore the plugin registry holds the backup's desired state and the artifacts are back in the plugin
 * store: reconcile, so the framework runs exactly the plugins the backup had enabled (installed from the store,
 * updated to the backup's version, stopped or uninstalled otherwise). What the reconciliation records is the
 * platform's doing, as at start.
 */
@Component
public class PluginsRestoreParticipant implements RestoreParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(PluginsRestoreParticipant.class);

    private final PluginService plugins;
    private final AuditTrail audit;

    @Activate
    public PluginsRestoreParticipant(@Reference PluginService plugins, @Reference AuditTrail audit) {
        this.plugins = plugins;
        this.audit = audit;
    }

    @Override
    public void afterRestore() {
        List<String> changes;
        try (AuditTrail.Binding platform = audit.bind(AuditOrigin.SYSTEM)) {
            changes = plugins.reconcile();
        }
        LOG.info("Plugins reconciled after the restore: {}", changes.isEmpty() ? "nothing to change"
                : String.join("; ", changes));
    }
}
