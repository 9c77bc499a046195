package dev.pergola.monitoring.internal.history;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import dev.pergola.testkit.PostgresServer;

/** A fresh H2 or PostgreSQL database with the bundle's migration applied statement by statement. */
final class HistoryDatabase {
    final DataSource dataSource;

    HistoryDatabase(String type, PostgresServer postgres) throws Exception {
        String name = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (type.equals("h2")) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            ds.setUser("sa");
            dataSource = ds;
        } else {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(postgres.createDatabase(name));
            ds.setUser(PostgresServer.USER);
            ds.setPassword(PostgresServer.PASSWORD);
            dataSource = ds;
        }
        String sql;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V1__create_metric_samples.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder code = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : code.toString().split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
