package dev.pergola.persistence.internal.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.health.HealthResult;
import dev.pergola.api.persistence.Database;

/** UP when a pooled connection to the platform database answers within two seconds. */
@Component
@HealthCheckService(name = "database")
public class DatabaseHealthCheck implements HealthCheck {
    private final DataSource dataSource;
    private final Database database;

    @Activate
    public DatabaseHealthCheck(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference Database database) {
        this.dataSource = dataSource;
        this.database = database;
    }

    @Override
    public HealthResult check() {
        Map<String, Object> details = Map.of("type", database.type());
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(2)) {
                return HealthResult.up(database.product(), details);
            }
            return HealthResult.down("the database did not answer within 2 s", details);
        } catch (SQLException e) {
            return HealthResult.down("cannot connect: " + e.getMessage(), details);
        }
    }
}
