package dev.pergola.persistence.internal.migration;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

/** SchemaMigrations: an owner's schema built on another database, up to a chosen version, on H2 and PostgreSQL. */
@RunWith(Parameterized.class)
public class MigrationCatalogueTest {
    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();

    @Parameters(name = "{0}")
    public static List<Object[]> databases() {
        return Arrays.asList(new Object[][] {{"h2"}, {"postgresql"}});
    }

    private final String type;
    private final MigrationCatalogue catalogue = new MigrationCatalogue();

    public MigrationCatalogueTest(String type) {
        this.type = type;
        catalogue.put("acme.notes", List.of(
                script("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));"),
                script("V2__tags.sql", "ALTER TABLE notes ADD COLUMN tag VARCHAR(20);"),
                script("V10__colour.sql", "ALTER TABLE notes ADD COLUMN colour VARCHAR(20);"),
                script("R__not_versioned.sql", "SELECT 1;")));
        catalogue.put("acme.tasks", List.of(script("V1_5__tasks.sql", "CREATE TABLE tasks (id INT);")));
    }

    private DataSource newDatabase() {
        String db = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (type.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
            return h2;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(POSTGRES.createDatabase(db));
        pg.setUser(PostgresServer.USER);
        pg.setPassword(PostgresServer.PASSWORD);
        return pg;
    }

    private static SqlScript script(String name, String sql) {
        return new SqlScript(name, "test:" + name, sql);
    }

    @Test
    public void availableNamesTheNewestVersionOfEachOwnerComparedAsVersionsNotText() {
        assertEquals(Map.of("acme.notes", "10", "acme.tasks", "1.5"), catalogue.available());
    }

    @Test
    public void migratesUpToAVersionThenForwardOnAnotherDatabase() throws SQLException {
        DataSource target = newDatabase();
        assertEquals("2", catalogue.migrate(target, "acme.notes", "2"));
        assertTrue(hasColumn(target, "notes", "tag"));
        assertFalse("V10 is above the requested version", hasColumn(target, "notes", "colour"));
        assertEquals(2, historyRows(target, "acme.notes"));

        assertEquals("10", catalogue.migrate(target, "acme.notes", null));
        assertTrue(hasColumn(target, "notes", "colour"));
        assertEquals("asking again changes nothing", "10", catalogue.migrate(target, "acme.notes", "10"));
    }

    @Test
    public void anUnknownOwnerIsAnIllegalArgument() {
        try {
            catalogue.migrate(newDatabase(), "nobody.here", null);
            fail("unknown owner must be refused");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("nobody.here"));
        }
    }

    @Test
    public void aFailingScriptIsAnIllegalStateNamingTheScript() {
        catalogue.put("broken.owner", List.of(script("V1__bad.sql", "CREATE TABLEX oops;")));
        try {
            catalogue.migrate(newDatabase(), "broken.owner", null);
            fail("a broken script must fail");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("V1__bad.sql"));
            assertTrue(e.getMessage(), e.getMessage().contains("broken.owner"));
        }
    }

    @Test
    public void historyTableIsTheOneTheExtenderUses() {
        assertEquals("schema_history_acme_notes", catalogue.historyTable("acme.notes"));
    }

    private static boolean hasColumn(DataSource ds, String table, String column) throws SQLException {
        try (Connection c = ds.getConnection()) {
            for (String t : List.of(table, table.toUpperCase())) {
                try (ResultSet rs = c.getMetaData().getColumns(null, null, t, null)) {
                    while (rs.next()) {
                        if (rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    private int historyRows(DataSource ds, String owner) throws SQLException {
        String table = catalogue.historyTable(owner);
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM \"" + table + "\" WHERE \"success\" = TRUE AND \"version\" <> '0'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
