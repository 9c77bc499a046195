package dev.pergola.persistence.internal.restore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.backup.RestoreParticipant;

/**
 * After a restore, empties the shared (second-level) cache of every persistence unit on this node — the platform's
 * and plugins' alike — so no entity read before the restore is served after it. Units that disable the shared cache
 * lose nothing.
 */
@Component
public class JpaCacheEviction implements RestoreParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(JpaCacheEviction.class);

    private final List<EntityManagerFactory> factories = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFactory(EntityManagerFactory factory) {
        factories.add(factory);
    }

    void removeFactory(EntityManagerFactory factory) {
        factories.remove(factory);
    }

    @Override
    public void afterRestore() {
        int evicted = 0;
        for (EntityManagerFactory factory : factories) {
            try {
                factory.getCache().evictAll();
                evicted++;
            } catch (RuntimeException e) { // closed meanwhile (its bundle stopped): nothing left to serve stale data
                LOG.warn("Could not evict the JPA cache of a persistence unit after the restore: {}", e.getMessage());
            }
        }
        LOG.info("Evicted the JPA shared caches of {} persistence unit(s) after the restore", evicted);
    }
}
