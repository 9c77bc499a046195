package dev.pergola.tasks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import dev.pergola.api.persistence.Database;
import dev.pergola.testkit.PostgresServer;
import dev.pergola.testkit.TableAuditTrail;

/** A fresh H2 or PostgreSQL database with the tasks tables (V1) and the test audit table. */
public final class TestDatabase {
    public final String type;
    public final DataSource dataSource;

    public TestDatabase(String type, PostgresServer postgres) throws Exception {
        this.type = type;
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (type.equals("h2")) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            ds.setUser("sa");
            ds.setPassword("");
            dataSource = ds;
        } else {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(postgres.createDatabase(name));
            ds.setUser(PostgresServer.USER);
            ds.setPassword(PostgresServer.PASSWORD);
            dataSource = ds;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : migration().split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            s.execute(TableAuditTrail.TABLE);
        }
    }

    public boolean postgres() {
        return type.equals("postgresql");
    }

    public Database database() {
        return new Database() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public String url() {
                return "jdbc:test";
            }

            @Override
            public String product() {
                return type;
            }
        };
    }

    public long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String migration() throws IOException {
        try (InputStream in = TestDatabase.class.getResourceAsStream("/db/migration/V1__create_tasks.sql")) {
            StringBuilder code = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    code.append(line).append('\n');
                }
            }
            return code.toString();
        }
    }
}
