package dev.pergola.alerts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import dev.pergola.testkit.PostgresServer;
import dev.pergola.testkit.TableAuditTrail;

/** A fresh H2 or PostgreSQL database with the bundle's migration and the test audit table. */
public final class AlertsDatabase {
    public final DataSource dataSource;

    public AlertsDatabase(String type, PostgresServer server) throws Exception {
        String db = "a" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (type.equals("postgresql")) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(server.createDatabase(db));
            ds.setUser(PostgresServer.USER);
            ds.setPassword(PostgresServer.PASSWORD);
            dataSource = ds;
        } else {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
            ds.setUser("sa");
            dataSource = ds;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements("V1__alerts.sql")) {
                s.execute(statement);
            }
            s.execute(TableAuditTrail.TABLE);
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String[] statements(String script) throws IOException {
        try (InputStream in = AlertsDatabase.class.getResourceAsStream("/db/migration/" + script)) {
            StringBuilder code = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    code.append(line).append('\n');
                }
            }
            return Arrays.stream(code.toString().split(";")).filter(s -> !s.isBlank()).toArray(String[]::new);
        }
    }
}
