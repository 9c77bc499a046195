package dev.pergola.persistence.internal.restore;

import static org.junit.Assert.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.junit.After;
import org.junit.Test;

import dev.pergola.persistence.internal.query.Widget;

/** A row replaced behind JPA's back (as a restore does) is read fresh once the participant has run. */
public class JpaCacheEvictionTest {
    private final String url = "jdbc:h2:mem:e" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            + ";DB_CLOSE_DELAY=-1";
    private final EntityManagerFactory emf = Persistence.createEntityManagerFactory("query-test",
            Map.of("javax.persistence.jdbc.url", url, "javax.persistence.jdbc.driver", "org.h2.Driver"));
    private final EntityManagerFactory closed = Persistence.createEntityManagerFactory("query-test",
            Map.of("javax.persistence.jdbc.url", url, "javax.persistence.jdbc.driver", "org.h2.Driver"));

    @After
    public void tearDown() {
        emf.close();
    }

    @Test
    public void afterRestoreEvictsTheSharedCacheOfEveryUnitAndSkipsClosedOnes() throws Exception {
        Widget widget = new Widget();
        widget.id = "w1";
        widget.name = "before the restore";
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        em.persist(widget);
        em.getTransaction().commit();
        em.close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE query_test_widgets SET name = 'restored' WHERE id = 'w1'");
        }
        assertEquals("the shared cache still serves the old row", "before the restore", read("w1"));

        JpaCacheEviction participant = new JpaCacheEviction();
        closed.close();
        participant.addFactory(closed);
        participant.addFactory(emf);
        participant.beforeRestore();
        participant.afterRestore();
        assertEquals("restored", read("w1"));
    }

    private String read(String id) {
        EntityManager em = emf.createEntityManager();
        try {
            return em.find(Widget.class, id).name;
        } finally {
            em.close();
        }
    }
}
