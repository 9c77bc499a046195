package dev.pergola.backup.internal.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.pergola.backup.internal.format.TableEntry;
import dev.pergola.backup.internal.format.WriteOptions;
import dev.pergola.testkit.PostgresServer;

/**
 * H2 → PostgreSQL and PostgreSQL → H2 through a backup file, with every column type the platform's migrations use
 * (VARCHAR up to 1,100,000, BOOLEAN, INTEGER, BIGINT, TIMESTAMP, a sequence, defaults) and the rest of the portable
 * types (TEXT/CLOB, SMALLINT, NUMERIC, DOUBLE, REAL, TIMESTAMP WITH TIME ZONE, DATE, TIME, binary, UUID, identity).
 */
public class PortableCopyTest {
    @ClassRule
    public static final PostgresServer PG = new PostgresServer();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<Connection> open = new java.util.ArrayList<>();

    @After
    public void close() throws SQLException {
        for (Connection c : open) {
            c.close();
        }
    }

    private Connection h2() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:mem:copy" + DATABASES.incrementAndGet());
        open.add(c);
        return c;
    }

    private Connection pg() throws SQLException {
        Connection c = DriverManager.getConnection(PG.createDatabase("copy" + DATABASES.incrementAndGet()),
                PostgresServer.USER, PostgresServer.PASSWORD);
        open.add(c);
        return c;
    }

    /** Child tables are named before their parents so that name order is not FK order. */
    static void createSchema(Connection c) throws SQLException {
        boolean pg = "postgresql".equals(DatabaseTables.type(c));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE zeta_users (id VARCHAR(36) NOT NULL PRIMARY KEY, username VARCHAR(64) NOT NULL, "
                    + "bio VARCHAR(2000), kind VARCHAR(10) DEFAULT 'token' NOT NULL, is_system BOOLEAN NOT NULL, "
                    + "attempts INTEGER DEFAULT 0 NOT NULL, seq BIGINT, created_at TIMESTAMP NOT NULL, "
                    + "body VARCHAR(1100000), CONSTRAINT uq_zeta_username UNIQUE (username))");
            s.execute("CREATE TABLE alpha_sessions (id VARCHAR(36) NOT NULL PRIMARY KEY, user_id VARCHAR(36) NOT NULL "
                    + "REFERENCES zeta_users (id) ON DELETE CASCADE, ended_at TIMESTAMP)");
            s.execute("CREATE TABLE beta_tokens (hash VARCHAR(64) NOT NULL PRIMARY KEY, session_id VARCHAR(36) NOT NULL "
                    + "REFERENCES alpha_sessions (id), spent_at TIMESTAMP NOT NULL)");
            s.execute("CREATE TABLE gamma_roles (user_id VARCHAR(36) NOT NULL REFERENCES zeta_users (id), "
                    + "role VARCHAR(64) NOT NULL, PRIMARY KEY (user_id, role))");
            s.execute("CREATE TABLE every_type (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "txt " + (pg ? "TEXT" : "CLOB") + ", small SMALLINT, exact NUMERIC(12,3), loose NUMERIC, "
                    + "dbl DOUBLE PRECISION, rl REAL, tz TIMESTAMP WITH TIME ZONE, d DATE, t TIME, "
                    + "bin " + (pg ? "BYTEA" : "VARBINARY(64)") + ", u UUID)");
            s.execute("CREATE TABLE schema_history_x (installed_rank INTEGER NOT NULL PRIMARY KEY, "
                    + "version VARCHAR(50), success BOOLEAN NOT NULL, "
                    + "installed_on TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)");
            s.execute("CREATE SEQUENCE webhook_delivery_position START WITH 1");
        }
    }

    static void fill(Connection c) throws SQLException {
        boolean pg = "postgresql".equals(DatabaseTables.type(c));
        try (Statement s = c.createStatement()) {
            String big = "x".repeat(300_000);
            s.execute("INSERT INTO zeta_users VALUES ('u1', 'ana', 'Ana ñ 😀 \"q\" \\ ''', 'token', TRUE, 3, "
                    + "9223372036854775807, TIMESTAMP '2026-11-30 03:15:00.123456', '" + big + "')");
            s.execute("INSERT INTO zeta_users VALUES ('u2', 'bob', NULL, 'cookie', FALSE, 0, NULL, "
                    + "TIMESTAMP '1999-12-31 23:59:59', NULL)");
            s.execute("INSERT INTO alpha_sessions VALUES ('s1', 'u1', NULL), ('s2', 'u2', TIMESTAMP '2026-01-01 00:00:00')");
            s.execute("INSERT INTO beta_tokens VALUES ('h1', 's1', TIMESTAMP '2026-02-03 04:05:06.7')");
            s.execute("INSERT INTO gamma_roles VALUES ('u1', 'admin'), ('u1', 'user'), ('u2', 'user')");
            // more rows than one multi-row INSERT takes, and not a multiple of it
            s.execute("INSERT INTO gamma_roles SELECT 'u2', CONCAT('role-', x) FROM "
                    + (pg ? "generate_series(1, 1234) AS g(x)" : "SYSTEM_RANGE(1, 1234) AS g(x)"));
            s.execute("INSERT INTO every_type (txt, small, exact, loose, dbl, rl, tz, d, t, bin, u) VALUES ("
                    + "'long text\nwith lines', -32768, 123456789.125, 3.14159265358979323846264338327950288, "
                    + "1.0E-300, 3.25, TIMESTAMP WITH TIME ZONE '2026-11-30 03:15:00.5+02:00', DATE '2026-02-28', "
                    + "TIME '23:59:58', " + (pg ? "'\\x00ff10'::bytea" : "X'00ff10'") + ", "
                    + "'6f9619ff-8b86-d011-b42d-00cf4fc964ff')");
            s.execute("INSERT INTO every_type (txt) VALUES (NULL)");
            s.execute("INSERT INTO every_type (dbl, rl) VALUES ('NaN', 'Infinity')");
            s.execute("INSERT INTO schema_history_x (installed_rank, version, success) VALUES (1, '1', TRUE)");
            for (int i = 0; i < 41; i++) {
                s.execute(pg ? "SELECT nextval('webhook_delivery_position')" : "VALUES NEXT VALUE FOR webhook_delivery_position");
            }
        }
    }

    private static final Map<String, String> ORDER = Map.of("zeta_users", "id", "alpha_sessions", "id",
            "beta_tokens", "hash", "gamma_roles", "user_id, role", "every_type", "id", "schema_history_x",
            "installed_rank");

    private void assertSameData(Connection source, Connection target) throws SQLException {
        for (Map.Entry<String, String> t : ORDER.entrySet()) {
            List<String> expected = Copier.dump(source, t.getKey(), t.getValue());
            assertEquals(t.getKey(), expected, Copier.dump(target, t.getKey(), t.getValue()));
            assertTrue(t.getKey(), !expected.isEmpty());
        }
    }

    private void assertSequencesContinue(Connection target) throws SQLException {
        boolean pg = "postgresql".equals(DatabaseTables.type(target));
        assertEquals(Map.of("webhook_delivery_position", 42L), DatabaseTables.sequences(target));
        try (Statement s = target.createStatement()) {
            ResultSet rs = s.executeQuery(pg ? "SELECT nextval('webhook_delivery_position')"
                    : "VALUES NEXT VALUE FOR webhook_delivery_position");
            rs.next();
            assertEquals(42L, rs.getLong(1));
            s.execute("INSERT INTO every_type (txt) VALUES ('after the restore')");
            rs = s.executeQuery("SELECT id FROM every_type WHERE txt = 'after the restore'");
            rs.next();
            assertEquals("identity continues after the highest restored id", 4L, rs.getLong(1));
        }
    }

    private void copy(Connection source, Connection target, WriteOptions options) throws Exception {
        Path file = folder.newFile().toPath();
        Copier.backup(source, file, options);
        DatabaseTables.dropAll(target);
        Map<String, Long> loaded = Copier.restore(file, options.passphrase(), target);
        assertEquals(Long.valueOf(2), loaded.get("zeta_users"));
        assertEquals(Long.valueOf(3), loaded.get("every_type"));
        assertEquals(Long.valueOf(1237), loaded.get("gamma_roles"));
    }

    @Test
    public void h2ToPostgresqlIntoAnEmptyDatabase() throws Exception {
        Connection h2 = h2();
        createSchema(h2);
        fill(h2);
        Connection pg = pg();
        copy(h2, pg, new WriteOptions(true, null));
        assertSameData(h2, pg);
        assertSequencesContinue(pg);
    }

    @Test
    public void postgresqlToH2IntoAnEmptyDatabaseEncrypted() throws Exception {
        Connection pg = pg();
        createSchema(pg);
        fill(pg);
        Connection h2 = h2();
        copy(pg, h2, new WriteOptions(false, "pass phrase".toCharArray()));
        assertSameData(pg, h2);
        assertSequencesContinue(h2);
    }

    @Test
    public void loadsIntoTablesMigrationsCreatedWithOtherColumnOrderAndExtraColumns() throws Exception {
        Connection h2 = h2();
        createSchema(h2);
        fill(h2);
        Path file = folder.newFile().toPath();
        Copier.backup(h2, file, new WriteOptions(false, null));
        Connection pg = pg();
        try (Statement s = pg.createStatement()) {
            // a newer migration: columns in another order, one more column with a default
            s.execute("CREATE TABLE zeta_users (created_at TIMESTAMP NOT NULL, id VARCHAR(36) NOT NULL PRIMARY KEY, "
                    + "username VARCHAR(64) NOT NULL, bio VARCHAR(2000), kind VARCHAR(10) DEFAULT 'token' NOT NULL, "
                    + "is_system BOOLEAN NOT NULL, attempts INTEGER DEFAULT 0 NOT NULL, seq BIGINT, body TEXT, "
                    + "locale VARCHAR(20) DEFAULT 'en' NOT NULL)");
            // identity GENERATED ALWAYS still takes the backed-up ids
            s.execute("CREATE TABLE every_type (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "txt TEXT, small SMALLINT, exact NUMERIC(12,3), loose NUMERIC, dbl DOUBLE PRECISION, rl REAL, "
                    + "tz TIMESTAMP WITH TIME ZONE, d DATE, t TIME, bin BYTEA, u UUID)");
        }
        Copier.restore(file, null, pg);
        assertEquals(List.of("en", "en"), Copier.dump(pg, "zeta_users", "id").stream()
                .map(r -> r.replaceAll(".*locale=(\\w+).*", "$1")).toList());
        assertEquals(Copier.dump(h2, "every_type", "id"), Copier.dump(pg, "every_type", "id"));
        assertSequencesContinue(pg);
    }

    @Test
    public void aBackupColumnTheTargetLacksIsAnError() throws Exception {
        Connection h2 = h2();
        createSchema(h2);
        fill(h2);
        Path file = folder.newFile().toPath();
        Copier.backup(h2, file, new WriteOptions(false, null));
        Connection target = h2();
        try (Statement s = target.createStatement()) {
            s.execute("CREATE TABLE zeta_users (id VARCHAR(36) NOT NULL PRIMARY KEY)");
        }
        try {
            Copier.restore(file, null, target);
            fail("loaded a table into one without its columns");
        } catch (SQLException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("username"));
        }
    }

    @Test
    public void tablesComeParentsFirstOnBothDatabases() throws Exception {
        for (Connection c : List.of(h2(), pg())) {
            createSchema(c);
            List<String> order = DatabaseTables.tables(c).stream().map(String::toLowerCase).toList();
            assertEquals(6, order.size());
            assertTrue(order.toString(), order.indexOf("zeta_users") < order.indexOf("alpha_sessions"));
            assertTrue(order.toString(), order.indexOf("alpha_sessions") < order.indexOf("beta_tokens"));
            assertTrue(order.toString(), order.indexOf("zeta_users") < order.indexOf("gamma_roles"));
        }
    }

    @Test
    public void portableColumnsAreTheSameFromBothDatabases() throws Exception {
        Connection h2 = h2();
        Connection pg = pg();
        createSchema(h2);
        createSchema(pg);
        for (String table : ORDER.keySet()) {
            TableMetadata a = TableMetadata.of(h2, table);
            TableMetadata b = TableMetadata.of(pg, table);
            if (table.equals("every_type")) {
                // VARBINARY(64) on H2 is BYTEA (no length) on PostgreSQL
                assertEquals(a.columns().subList(0, 10), b.columns().subList(0, 10));
                assertEquals("binary", b.columns().get(10).type());
            } else {
                assertEquals(table, a.columns(), b.columns());
            }
            assertEquals(a.primaryKey(), b.primaryKey());
        }
        TableMetadata types = TableMetadata.of(pg, "every_type");
        assertEquals(List.of("bigint", "text", "smallint", "decimal", "decimal", "double", "real", "timestamptz",
                "date", "time", "binary", "uuid"), types.columns().stream().map(c -> c.type()).toList());
        assertTrue(types.columns().get(0).identity());
        assertEquals(Integer.valueOf(12), types.columns().get(3).precision());
        assertEquals(Integer.valueOf(3), types.columns().get(3).scale());
        assertEquals(null, types.columns().get(4).precision());
        TableMetadata users = TableMetadata.of(pg, "zeta_users");
        assertEquals("'token'", users.columns().get(3).defaultValue());
        assertEquals("0", users.columns().get(5).defaultValue());
        assertEquals(Integer.valueOf(1_100_000), users.columns().get(8).length());
        assertEquals("CURRENT_TIMESTAMP", TableMetadata.of(pg, "schema_history_x").columns().get(3).defaultValue());
        assertEquals("CURRENT_TIMESTAMP", TableMetadata.of(h2, "schema_history_x").columns().get(3).defaultValue());
    }

    @Test
    public void createdTablesKeepDefaultsSoAHistoryTableStillTakesInserts() throws Exception {
        Connection pg = pg();
        createSchema(pg);
        TableEntry history = new TableEntry("schema_history_x", TableMetadata.of(pg, "schema_history_x").columns(),
                List.of("installed_rank"), 0, "");
        TableEntry users = new TableEntry("zeta_users", TableMetadata.of(pg, "zeta_users").columns(), List.of("id"), 0, "");
        for (Connection target : List.of(h2(), pg())) {
            DatabaseTables.createTable(target, history);
            DatabaseTables.createTable(target, users);
            try (Statement s = target.createStatement()) {
                s.execute("INSERT INTO schema_history_x (installed_rank, version, success) VALUES (1, '1', TRUE)");
                s.execute("INSERT INTO zeta_users (id, username, is_system, created_at) VALUES ('a', 'b', TRUE, "
                        + "TIMESTAMP '2026-01-01 00:00:00')");
                ResultSet rs = s.executeQuery("SELECT kind, attempts FROM zeta_users");
                rs.next();
                assertEquals("token", rs.getString(1));
                assertEquals(0, rs.getInt(2));
                try {
                    s.execute("INSERT INTO zeta_users (id, username, is_system, created_at) VALUES ('a', 'c', TRUE, "
                            + "TIMESTAMP '2026-01-01 00:00:00')");
                    fail("primary key not created");
                } catch (SQLException expected) {
                    // duplicate key
                }
            }
        }
    }

    @Test
    public void existingSequencesRestartAtTheBackedUpValueAndReportIt() throws Exception {
        for (Connection c : List.of(h2(), pg())) {
            boolean pg = "postgresql".equals(DatabaseTables.type(c));
            createSchema(c);
            assertEquals(Map.of("webhook_delivery_position", 1L), DatabaseTables.sequences(c));
            DatabaseTables.restartSequences(c, Map.of("webhook_delivery_position", 500L, "new_sequence", 7L));
            assertEquals(Map.of("webhook_delivery_position", 500L, "new_sequence", 7L), DatabaseTables.sequences(c));
            try (Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery(pg ? "SELECT nextval('webhook_delivery_position'), nextval('new_sequence')"
                        : "SELECT NEXT VALUE FOR webhook_delivery_position, NEXT VALUE FOR new_sequence");
                rs.next();
                assertEquals(500L, rs.getLong(1));
                assertEquals(7L, rs.getLong(2));
            }
            assertEquals(Map.of("webhook_delivery_position", 501L, "new_sequence", 8L), DatabaseTables.sequences(c));
        }
    }

    @Test
    public void dropAllLeavesAnEmptySchemaOnBothDatabases() throws Exception {
        for (Connection c : List.of(h2(), pg())) {
            createSchema(c);
            fill(c);
            DatabaseTables.dropAll(c);
            assertEquals(List.of(), DatabaseTables.tables(c));
            assertEquals(Map.of(), DatabaseTables.sequences(c));
        }
    }
}
