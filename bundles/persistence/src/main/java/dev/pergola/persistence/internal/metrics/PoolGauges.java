package dev.pergola.persistence.internal.metrics;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.metrics.Meters;
import dev.pergola.api.persistence.Database;
import dev.pergola.persistence.internal.datasource.SharedDataSource;

/**
 * {@code pergola.db.pool.active|idle|max}: the shared DataSource's connection pool, read in memory (no query) at each
 * collection. Only this component needs {@link Meters}: the database serves everyone without the metrics bundle.
 */
@Component
public class PoolGauges {
    @Activate
    public PoolGauges(@Reference Meters meters, @Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource) {
        if (!(dataSource instanceof SharedDataSource shared)) {
            return; // another bundle's DataSource under our name: nothing of ours to measure
        }
        meters.gauge("pergola.db.pool.active", "Database connections in use", () -> shared.poolCounts().active());
        meters.gauge("pergola.db.pool.idle", "Database connections open and idle in the pool",
                () -> shared.poolCounts().idle());
        meters.gauge("pergola.db.pool.max", "Most database connections the pool opens", () -> shared.poolCounts().max());
    }
}
