package dev.pergola.persistence.internal.instance;

import java.sql.Timestamp;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "pergola_installation")
public class InstallationEntity {
    static final String KEY = "installation";

    @Id
    @Column(name = "singleton")
    private String singleton;

    @Column(name = "installation_id", nullable = false)
    private String installationId;

    @Column(name = "created_at", nullable = false)
    private Timestamp createdAt;

    protected InstallationEntity() {
    }

    InstallationEntity(String installationId, Timestamp createdAt) {
        this.singleton = KEY;
        this.installationId = installationId;
        this.createdAt = createdAt;
    }

    String installationId() {
        return installationId;
    }

    Timestamp createdAt() {
        return createdAt;
    }
}
