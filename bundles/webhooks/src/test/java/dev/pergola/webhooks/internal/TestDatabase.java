package dev.pergola.webhooks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import dev.pergola.testkit.PostgresServer;

/** A fresh database of either kind with the bundle's migration applied the way the platform applies it. */
public final class TestDatabase {
    public final String type;
    public final String url;
    public final String user;
    public final String password;
    public final DataSource dataSource;

    public TestDatabase(String type, PostgresServer postgres) throws Exception {
        this(type, type.equals("h2") ? "jdbc:h2:mem:" + name() + ";DB_CLOSE_DELAY=-1" : postgres.createDatabase(name()));
    }

    /** An H2 database in files under {@code folder}, as the distribution runs it. */
    public static TestDatabase h2File(java.nio.file.Path folder) throws Exception {
        return new TestDatabase("h2", "jdbc:h2:file:" + folder.resolve("webhooks").toAbsolutePath());
    }

    private static String name() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private TestDatabase(String type, String url) throws Exception {
        this.type = type;
        boolean h2 = type.equals("h2");
        this.url = url;
        user = h2 ? "sa" : PostgresServer.USER;
        password = h2 ? "" : PostgresServer.PASSWORD;
        if (h2) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(url);
            ds.setUser(user);
            ds.setPassword(password);
            dataSource = ds;
        } else {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url);
            ds.setUser(user);
            ds.setPassword(password);
            dataSource = ds;
        }
        try (Connection c = dataSource.getConnection()) {
            migrate(c);
        }
    }

    public boolean postgres() {
        return type.equals("postgresql");
    }

    /** Inserts a subscription row directly (the queue tests need rows, not the service's rules). */
    public void webhook(String id, String events, boolean active, String url) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO webhooks (id, url, events, secret, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, url);
            s.setString(3, events);
            s.setString(4, "sb1:sealed-" + id);
            s.setBoolean(5, active);
            s.setTimestamp(6, Timestamp.from(Instant.now()));
            s.setTimestamp(7, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Runs V1 statement by statement, comments dropped. */
    private static void migrate(Connection c) throws IOException, SQLException {
        String sql;
        try (InputStream in = TestDatabase.class.getResourceAsStream("/db/migration/V1__create_webhooks.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder code = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        try (Statement s = c.createStatement()) {
            for (String statement : code.toString().split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }
}
