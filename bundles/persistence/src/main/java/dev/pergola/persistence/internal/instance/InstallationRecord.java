package dev.pergola.persistence.internal.instance;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.persistence.PersistenceException;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.persistence.MigratedSchema;
import dev.pergola.api.platform.Installation;

/** Reads the installation row, creating it in a transaction on the first boot against a database. */
@Component(service = Installation.class)
public class InstallationRecord implements Installation {
    private final String id;
    private final Instant createdAt;

    @Activate
    public InstallationRecord(@Reference(target = "(osgi.unit.name=pergola-core)") JpaTemplate jpa,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.persistence)") MigratedSchema schema) {
        InstallationEntity row;
        try {
            row = jpa.txExpr(TransactionType.Required, em -> {
                InstallationEntity existing = em.find(InstallationEntity.class, InstallationEntity.KEY);
                if (existing != null) {
                    return existing;
                }
                InstallationEntity created = new InstallationEntity(UUID.randomUUID().toString(),
                        Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
                em.persist(created);
                return created;
            });
        } catch (PersistenceException raceWithAnotherNode) {
            // another node inserted the row first: its row wins
            row = jpa.txExpr(TransactionType.Required, em -> em.find(InstallationEntity.class, InstallationEntity.KEY));
        }
        this.id = row.installationId();
        this.createdAt = row.createdAt().toInstant();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }
}
