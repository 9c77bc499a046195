package dev.pergola.persistence.internal.datasource;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.ops4j.pax.jdbc.pool.common.PooledDataSourceFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.LoggerFactory;

import dev.pergola.api.persistence.Database;
import dev.pergola.persistence.internal.metrics.PoolCounts;

/**
 * The one pooled DataSource every bundle shares, registered with {@code osgi.jndi.service.name=pergola}
 * so that Aries JPA persistence units and plain JDBC users find it. Built from {@code dev.pergola.db}
 * with a pax-jdbc DBCP2 pool over the driver's own {@link DataSourceFactory}.
 */
@Component(service = {DataSource.class, Database.class}, configurationPid = "dev.pergola.db",
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = "osgi.jndi.service.name=" + Database.DATASOURCE_NAME)
@Designate(ocd = DatabaseConfig.class)
public class SharedDataSource implements DataSource, Database {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(SharedDataSource.class);

    private final DatabaseSettings settings;
    private final DataSource pool;
    private volatile String product;

    @Activate
    public SharedDataSource(DatabaseConfig config,
            @Reference(service = DataSourceFactory.class, policyOption = ReferencePolicyOption.GREEDY)
            List<Map.Entry<Map<String, Object>, DataSourceFactory>> drivers,
            @Reference(target = "(&(pool=dbcp2)(xa=false))") PooledDataSourceFactory pooling) throws SQLException {
        this.settings = DatabaseSettings.resolve(config, System.getenv(), dataDir());
        DataSourceFactory driver = drivers.stream()
                .filter(d -> settings.driverClass().equals(d.getKey().get(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS)))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No JDBC driver for " + settings.type()
                        + " is installed; install the feature " + settings.driverFeature()));
        Properties props = new Properties();
        props.setProperty(DataSourceFactory.JDBC_URL, settings.url());
        props.setProperty(DataSourceFactory.JDBC_USER, settings.user());
        props.setProperty(DataSourceFactory.JDBC_PASSWORD, settings.password());
        props.setProperty("pool.maxTotal", Integer.toString(settings.poolMax()));
        props.setProperty("pool.maxIdle", Integer.toString(Math.min(8, settings.poolMax())));
        props.setProperty("pool.testOnBorrow", "true");
        props.setProperty("pool.maxWaitMillis", "10000");
        this.pool = pooling.create(driver, props);
        LOG.info("Pergola database: {}", settings);
    }

    /** How the connection pool stands now, for the pool gauges. */
    public PoolCounts poolCounts() {
        return PoolCounts.of(pool);
    }

    private static Path dataDir() {
        return Paths.get(System.getProperty("karaf.data", "data"));
    }

    @Deactivate
    void close() throws Exception {
        if (pool instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String type() {
        return settings.type();
    }

    @Override
    public String url() {
        return settings.url();
    }

    @Override
    public String product() {
        String known = product;
        if (known == null) {
            try (Connection c = pool.getConnection()) {
                DatabaseMetaData meta = c.getMetaData();
                known = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
                product = known;
            } catch (SQLException e) {
                return "unreachable: " + e.getMessage();
            }
        }
        return known;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pool.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return pool.isWrapperFor(iface);
    }
}
