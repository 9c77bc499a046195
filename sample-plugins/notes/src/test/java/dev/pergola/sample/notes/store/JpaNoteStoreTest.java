package dev.pergola.sample.notes.store;

import dev.pergola.testkit.TableAuditTrail;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.persistence.PersistenceException;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.sample.notes.NoteDto;
import dev.pergola.testkit.PostgresServer;

/**
 * The migration and the store on H2 and on a real PostgreSQL server, as the platform runs either; each change and
 * its audit record commit together (the record written with the transaction's own connection) or not at all.
 */
@RunWith(Parameterized.class)
public class JpaNoteStoreTest {
    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();

    @Parameters(name = "{0}")
    public static List<Object[]> databases() {
        return Arrays.asList(new Object[][] {{"h2"}, {"postgresql"}});
    }

    private final String type;
    private EntityManagerFactory emf;
    private JpaNoteStore store;
    private final TableAuditTrail audit = new TableAuditTrail();
    private String url;
    private String user;
    private String password;

    public JpaNoteStoreTest(String type) {
        this.type = type;
    }

    @Before
    public void setUp() throws Exception {
        String db = "n" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = type.equals("h2") ? "jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1" : POSTGRES.createDatabase(db);
        String user = type.equals("h2") ? "sa" : PostgresServer.USER;
        String password = type.equals("h2") ? "" : PostgresServer.PASSWORD;
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            migrate(c);
            s.execute(TableAuditTrail.TABLE);
        }
        this.url = url;
        this.user = user;
        this.password = password;
        emf = Persistence.createEntityManagerFactory("acme-notes-test", Map.of("javax.persistence.jdbc.url", url,
                "javax.persistence.jdbc.user", user, "javax.persistence.jdbc.password", password));
        store = new JpaNoteStore(new LocalJpa(emf), null, null, audit);
    }

    @After
    public void tearDown() {
        emf.close();
    }

    @Test
    public void storesFindsCountsAndDeletes() throws SQLException {
        NoteDto note = note("Groceries");
        store.insert(note, record("notes.note.created", note));
        assertEquals(note, store.find(note.id()).orElseThrow());
        assertEquals(note, store.findByTitle("Groceries").orElseThrow());
        assertTrue(store.findByTitle("groceries").isEmpty());
        assertEquals(1, store.count());
        assertTrue(store.delete(note.id(), record("notes.note.deleted", note)));
        assertFalse(store.delete(note.id(), record("notes.note.deleted", note)));
        assertTrue(store.find(note.id()).isEmpty());
        assertEquals(0, store.count());
        assertEquals("a record per change, none for a delete that deleted nothing",
                List.of("notes.note.created " + note.id(), "notes.note.deleted " + note.id()), recorded());
    }

    @Test
    public void aRecordThatCannotBeWrittenUndoesTheChange() throws SQLException {
        NoteDto note = note("Plan");
        audit.failNext = true;
        try {
            store.insert(note, record("notes.note.created", note));
            fail("the insert fails with its record");
        } catch (PergolaException expected) {
            assertEquals(PergolaException.UNAVAILABLE, expected.code());
        }
        assertTrue(store.find(note.id()).isEmpty());
        store.insert(note, record("notes.note.created", note));
        audit.failNext = true;
        try {
            store.delete(note.id(), record("notes.note.deleted", note));
            fail("the delete fails with its record");
        } catch (PergolaException expected) {
            assertTrue("the note is still there", store.find(note.id()).isPresent());
        }
        assertEquals(List.of("notes.note.created " + note.id()), recorded());
    }

    private static AuditEntry record(String type, NoteDto note) {
        return AuditEntry.of(type).withTarget("note", note.id(), note.title());
    }

    /** The records committed, read back with a connection of their own. */
    private List<String> recorded() throws SQLException {
        List<String> rows = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT action, target_id FROM test_audit")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getString(2));
            }
        }
        return rows;
    }

    @Test
    public void theDatabaseRefusesASecondNoteWithTheSameTitle() {
        store.insert(note("Plan"), record("notes.note.created", note("Plan")));
        try {
            store.insert(note("Plan"), record("notes.note.created", note("Plan")));
            fail("the unique constraint must hold");
        } catch (PersistenceException expected) {
            assertEquals(1, store.count());
        }
    }

    @Test
    public void aBodyAsLongAsTheColumnFits() {
        NoteDto note = new NoteDto(UUID.randomUUID().toString(), "t".repeat(200), "b".repeat(4000), "a".repeat(64),
                Instant.parse("2026-01-01T00:00:00.123Z"));
        store.insert(note, record("notes.note.created", note));
        assertEquals(note, store.find(note.id()).orElseThrow());
    }

    private static NoteDto note(String title) {
        return new NoteDto(UUID.randomUUID().toString(), title, "body", "alice", Instant.parse("2026-01-01T10:00:00Z"));
    }

    /** Runs V1 the way the platform does: statement by statement, comments dropped. */
    private static void migrate(Connection c) throws IOException, SQLException {
        String sql;
        try (InputStream in = JpaNoteStoreTest.class.getResourceAsStream("/db/migration/V1__create_notes.sql")) {
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

    /** Aries JPA's template reduced to what a RESOURCE_LOCAL unit does: one transaction per call. */
    private record LocalJpa(EntityManagerFactory emf) implements JpaTemplate {
        @Override
        public <R> R txExpr(TransactionType type, EmFunction<R> code) {
            EntityManager em = emf.createEntityManager();
            try {
                em.getTransaction().begin();
                R result = code.apply(em);
                em.getTransaction().commit();
                return result;
            } catch (RuntimeException e) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                throw e;
            } finally {
                em.close();
            }
        }

        @Override
        public void tx(TransactionType type, EmConsumer code) {
            txExpr(type, em -> {
                code.accept(em);
                return null;
            });
        }

        @Override
        public <R> R txExpr(EmFunction<R> code) {
            return txExpr(TransactionType.Required, code);
        }

        @Override
        public void tx(EmConsumer code) {
            tx(TransactionType.Required, code);
        }
    }
}
