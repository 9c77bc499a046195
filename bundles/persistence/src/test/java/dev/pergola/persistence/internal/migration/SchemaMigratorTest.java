package dev.pergola.persistence.internal.migration;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;
import org.postgresql.ds.PGSimpleDataSource;

import dev.pergola.testkit.PostgresServer;

/** Per-bundle migrations with Flyway, on H2 and on a real PostgreSQL server. */
@RunWith(Parameterized.class)
public class SchemaMigratorTest {
    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();

    @Parameters(name = "{0}")
    public static List<Object[]> databases() {
        return Arrays.asList(new Object[][] {{"h2"}, {"postgresql"}});
    }

    private final DataSource dataSource;

    public SchemaMigratorTest(String type) {
        String db = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (type.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
            dataSource = h2;
        } else {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(POSTGRES.createDatabase(db));
            pg.setUser(PostgresServer.USER);
            pg.setPassword(PostgresServer.PASSWORD);
            dataSource = pg;
        }
    }

    private static SqlScript script(String name, String sql) {
        return new SqlScript(name, "test:" + name, sql);
    }

    @Test
    public void appliesScriptsOnceAndReportsTheVersion() throws Exception {
        List<SqlScript> v1 = List.of(script("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));"));
        SchemaMigrator.Outcome first = SchemaMigrator.migrate(dataSource, "acme.notes", v1);
        assertEquals("1", first.version());
        assertEquals(1, first.applied());

        SchemaMigrator.Outcome again = SchemaMigrator.migrate(dataSource, "acme.notes", v1);
        assertEquals(0, again.applied());

        List<SqlScript> v2 = List.of(v1.get(0), script("V2__tags.sql", "ALTER TABLE notes ADD COLUMN tag VARCHAR(20);"));
        SchemaMigrator.Outcome second = SchemaMigrator.migrate(dataSource, "acme.notes", v2);
        assertEquals("2", second.version());
        assertEquals(1, second.applied());
        execute("INSERT INTO notes (id, body, tag) VALUES (1, 'hello', 'x')");
        assertEquals(1, count("SELECT COUNT(*) FROM notes"));
    }

    @Test
    public void ownersKeepSeparateHistoriesInOneSchema() throws Exception {
        SchemaMigrator.migrate(dataSource, "one.bundle", List.of(script("V1__a.sql", "CREATE TABLE a_things (id INT);")));
        SchemaMigrator.Outcome other = SchemaMigrator.migrate(dataSource, "other.bundle",
                List.of(script("V1__b.sql", "CREATE TABLE b_things (id INT);")));
        assertEquals("each owner starts at its own V1", 1, other.applied());
        assertEquals("schema_history_other_bundle", other.historyTable());
        assertEquals(0, count("SELECT COUNT(*) FROM a_things") + count("SELECT COUNT(*) FROM b_things"));
    }

    @Test
    public void aBrokenScriptFailsWithItsNameAndTheErrorAndIsNotRecorded() throws Exception {
        try {
            SchemaMigrator.migrate(dataSource, "broken.bundle", List.of(script("V1__bad.sql", "CREATE TABLEX oops;")));
            fail("a broken script must fail");
        } catch (RuntimeException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("V1__bad.sql"));
        }
        SchemaMigrator.Outcome fixed = SchemaMigrator.migrate(dataSource, "broken.bundle",
                List.of(script("V1__bad.sql", "CREATE TABLE fixed_things (id INT);")));
        assertEquals("1", fixed.version());
    }

    @Test
    public void historyTableNamesAreSafeAndBounded() {
        assertEquals("schema_history_dev_pergola_persistence", SchemaMigrator.historyTable("dev.pergola.persistence"));
        assertEquals(63, SchemaMigrator.historyTable("x".repeat(100)).length());
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private int count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
