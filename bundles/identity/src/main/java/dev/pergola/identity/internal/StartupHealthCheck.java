package dev.pergola.identity.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.health.HealthResult;
import dev.pergola.identity.internal.rbac.PermissionCatalog;

/**
 * DOWN (not ready) until identity's start-up work is done: core roles and permissions seeded, the first admin
 * created. Both run on retried threads; until they finish a sign-in cannot succeed, so a load balancer or a
 * script waiting for {@code /api/health} must not be told the node is ready.
 */
@Component
@HealthCheckService(name = "identity")
public class StartupHealthCheck implements HealthCheck {
    private final PermissionCatalog catalog;
    private final FirstBootAdmin admin;

    @Activate
    public StartupHealthCheck(@Reference PermissionCatalog catalog, @Reference FirstBootAdmin admin) {
        this.catalog = catalog;
        this.admin = admin;
    }

    @Override
    public HealthResult check() {
        if (!catalog.ready()) {
            return HealthResult.down("seeding the core roles and permissions (retried until the database answers)");
        }
        if (!admin.done()) {
            return HealthResult.down("creating the first admin account (retried until the database answers)");
        }
        return HealthResult.up("roles seeded, an admin account exists");
    }
}
