package dev.pergola.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import dev.pergola.testkit.PostgresServer;
import dev.pergola.testkit.TableAuditTrail;

/** A fresh H2 or PostgreSQL database with the bundle's migrations (V1..V3) and the test audit table. */
public final class MailDatabase {
    public final DataSource dataSource;
    public final boolean postgres;

    public MailDatabase(String type, PostgresServer server) throws Exception {
        postgres = type.equals("postgresql");
        String db = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (postgres) {
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
            for (String script : new String[] {"V1__mail_outbox.sql", "V2__sealed_bodies.sql", "V3__delivery_queue.sql"}) {
                for (String statement : statements(script)) {
                    s.execute(statement);
                }
            }
            s.execute(TableAuditTrail.TABLE);
        }
    }

    public String status(String id) throws SQLException {
        return value("SELECT status FROM pergola_mail_outbox WHERE id = ?", id);
    }

    public String value(String sql, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String[] statements(String script) throws IOException {
        try (InputStream in = MailDatabase.class.getResourceAsStream("/db/migration/" + script)) {
            StringBuilder code = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    code.append(line).append('\n');
                }
            }
            return java.util.Arrays.stream(code.toString().split(";")).filter(s -> !s.isBlank()).toArray(String[]::new);
        }
    }
}
