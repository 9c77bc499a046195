package dev.pergola.audit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.pergola.testkit.PostgresServer;

/** A fresh, migrated database (H2 in memory or a new PostgreSQL database) behind a plain DataSource. */
final class TestDatabase implements DataSource {
    private final String url;
    private final String user;
    private final String password;

    private TestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static TestDatabase create(String type, PostgresServer postgres) throws SQLException, IOException {
        String name = "a" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestDatabase db = type.equals("h2")
                ? new TestDatabase("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "")
                : new TestDatabase(postgres.createDatabase(name), PostgresServer.USER, PostgresServer.PASSWORD);
        db.migrate("/db/migration/V1__audit_log.sql");
        return db;
    }

    /** An H2 database in files under {@code folder} (as the distribution runs it), migrated. */
    static TestDatabase h2File(java.nio.file.Path folder) throws SQLException, IOException {
        TestDatabase db = new TestDatabase("jdbc:h2:file:" + folder.resolve("bench").toAbsolutePath() + ";DB_CLOSE_DELAY=-1", "sa", "");
        db.migrate("/db/migration/V1__audit_log.sql");
        return db;
    }

    /** A new PostgreSQL database on {@code postgres}, migrated. */
    static TestDatabase postgres(PostgresServer postgres, String name) throws SQLException, IOException {
        TestDatabase db = new TestDatabase(postgres.createDatabase(name), PostgresServer.USER, PostgresServer.PASSWORD);
        db.migrate("/db/migration/V1__audit_log.sql");
        return db;
    }

    /** Runs a script the way the platform does: statement by statement, comments dropped. */
    void migrate(String script) throws IOException, SQLException {
        String sql;
        try (InputStream in = TestDatabase.class.getResourceAsStream(script)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder code = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        try (Connection c = getConnection(); Statement s = c.createStatement()) {
            for (String statement : code.toString().split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    /**
     * This database with one connection per thread, kept open across {@code close()}: what the platform's pool gives
     * a thread that comes back (a new PostgreSQL connection per call costs a process and a SCRAM handshake).
     */
    DataSource pooled() {
        ThreadLocal<Connection> held = new ThreadLocal<>();
        TestDatabase self = this;
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return method.invoke(self, args);
                    }
                    Connection c = held.get();
                    if (c == null || c.isClosed()) {
                        c = self.getConnection();
                        held.set(c);
                    }
                    Connection real = c;
                    return java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("close")) {
                                    if (!real.getAutoCommit()) {
                                        real.rollback();
                                    }
                                    return null;
                                }
                                try {
                                    return m.invoke(real, a);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }

    long count(String sql) throws SQLException {
        try (Connection c = getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    int update(String sql) throws SQLException {
        try (Connection c = getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public Connection getConnection(String u, String p) throws SQLException {
        return DriverManager.getConnection(url, u, p);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
