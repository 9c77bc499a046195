package dev.pergola.testkit;

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

/**
 * A fresh, empty database for a store test — in-memory H2, or a new database on the shared {@link PostgresServer} —
 * with a bundle's migration scripts (read from its {@code /db/migration/} resources) and the test audit table applied.
 */
public final class TestDatabase {
    public final DataSource dataSource;

    /** {@code type} is {@code h2} or {@code postgresql}; {@code server} may be null for H2. */
    public TestDatabase(String type, PostgresServer server, Class<?> owner, String... scripts) throws Exception {
        String db = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
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
            for (String script : scripts) {
                for (String statement : statements(owner, script)) {
                    s.execute(statement);
                }
            }
            s.execute(TableAuditTrail.TABLE);
        }
    }

    /** The first column of the first row of {@code sql}, e.g. a {@code SELECT COUNT(*)}. */
    public long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String[] statements(Class<?> owner, String script) throws IOException {
        try (InputStream in = owner.getResourceAsStream("/db/migration/" + script)) {
            if (in == null) {
                throw new IOException("no migration script /db/migration/" + script + " next to " + owner.getName());
            }
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
