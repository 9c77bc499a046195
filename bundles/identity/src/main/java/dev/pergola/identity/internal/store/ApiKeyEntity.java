package dev.pergola.identity.internal.store;

import java.sql.Timestamp;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "pergola_api_keys")
public class ApiKeyEntity {
    @Id
    public String id;
    @Column(name = "user_id")
    public String userId;
    public String name;
    public String prefix;
    @Column(name = "secret_hash")
    public String secretHash;
    /** Comma-separated permission names. */
    public String scopes;
    @Column(name = "created_at")
    public Timestamp createdAt;
    @Column(name = "expires_at")
    public Timestamp expiresAt;
    @Column(name = "last_used_at")
    public Timestamp lastUsedAt;
    @Column(name = "revoked_at")
    public Timestamp revokedAt;
}
