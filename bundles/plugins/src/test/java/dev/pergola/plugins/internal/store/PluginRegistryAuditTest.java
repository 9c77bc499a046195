package dev.pergola.plugins.internal.store;

import dev.pergola.testkit.TableAuditTrail;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.errors.PergolaException;

/**
 * The registry writes each change and its audit record in one transaction (EclipseLink on H2, the record through
 * {@code em.unwrap(Connection.class)}): both commit, or neither does.
 */
public class PluginRegistryAuditTest {
    private String url;
    private EntityManagerFactory emf;
    private final TableAuditTrail audit = new TableAuditTrail();
    private PluginRegistry registry;

    @Before
    public void setUp() throws Exception {
        url = "jdbc:h2:mem:p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute(migration());
            s.execute(TableAuditTrail.TABLE);
        }
        emf = Persistence.createEntityManagerFactory("pergola-plugins-test", Map.of("javax.persistence.jdbc.url", url,
                "javax.persistence.jdbc.user", "sa", "javax.persistence.jdbc.password", ""));
        registry = new PluginRegistry(new LocalJpa(emf), null, audit);
    }

    @After
    public void tearDown() {
        emf.close();
    }

    @Test
    public void aChangeAndItsRecordCommitTogether() throws SQLException {
        registry.insert(plugin("hello"), (before, after) -> entry("plugin.installed", before, after));
        registry.change("hello", p -> p.enabled = true, (before, after) -> {
            assertFalse("the record sees the row as it was", before.enabled());
            assertTrue("and as it is now", after.enabled());
            return entry("plugin.enabled", before, after);
        });
        registry.delete("hello", (before, after) -> {
            assertNull(after);
            return entry("plugin.uninstalled", before, after);
        });
        assertEquals(List.of("plugin.installed hello", "plugin.enabled hello", "plugin.uninstalled hello"), recorded());
        assertTrue(registry.find("hello").isEmpty());
    }

    @Test
    public void aRecordThatCannotBeWrittenUndoesTheChange() throws SQLException {
        registry.insert(plugin("hello"), (before, after) -> entry("plugin.installed", before, after));
        audit.failNext = true;
        try {
            registry.change("hello", p -> p.enabled = true, (before, after) -> entry("plugin.enabled", before, after));
            fail("the change must fail with its record");
        } catch (PergolaException expected) {
            assertEquals(PergolaException.UNAVAILABLE, expected.code());
        }
        assertFalse("the row rolled back with the record", registry.find("hello").orElseThrow().enabled);
        audit.failNext = true;
        try {
            registry.delete("hello", (before, after) -> entry("plugin.uninstalled", before, after));
            fail("the delete must fail with its record");
        } catch (PergolaException expected) {
            assertTrue(registry.find("hello").isPresent());
        }
        audit.failNext = true;
        try {
            registry.insert(plugin("other"), (before, after) -> entry("plugin.installed", before, after));
            fail("the insert must fail with its record");
        } catch (PergolaException expected) {
            assertTrue(registry.find("other").isEmpty());
        }
        assertEquals("only the first record committed", List.of("plugin.installed hello"), recorded());
        assertEquals("four were handed over", 4, audit.handed.size());
    }

    @Test
    public void whatTheReconcilerObservesIsNotRecorded() throws SQLException {
        registry.insert(plugin("hello"), (before, after) -> entry("plugin.installed", before, after));
        registry.change("hello", p -> p.state = "active");
        assertEquals("active", registry.find("hello").orElseThrow().state);
        assertEquals(List.of("plugin.installed hello"), recorded());
    }

    private static AuditEntry entry(String action, PluginSnapshot before, PluginSnapshot after) {
        PluginSnapshot p = after == null ? before : after;
        return AuditEntry.of(action).withTarget("plugin", p.slug(), p.name()).withBefore(before).withAfter(after);
    }

    private List<String> recorded() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT action, target_id FROM test_audit")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getString(2));
            }
        }
        return rows;
    }

    private static PluginEntity plugin(String slug) {
        PluginEntity p = new PluginEntity();
        p.slug = slug;
        p.symbolicName = "acme." + slug;
        p.version = "1.0.0";
        p.name = slug;
        p.checksum = "0".repeat(64);
        p.enabled = false;
        p.state = "disabled";
        p.installedAt = Timestamp.from(Instant.now());
        p.updatedAt = p.installedAt;
        return p;
    }

    private static String migration() throws IOException {
        try (InputStream in = PluginRegistryAuditTest.class.getResourceAsStream("/db/migration/V1__plugins.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
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
