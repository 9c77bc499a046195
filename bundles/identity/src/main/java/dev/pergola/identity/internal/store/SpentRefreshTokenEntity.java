package dev.pergola.identity.internal.store;

import java.sql.Timestamp;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "pergola_spent_refresh_tokens")
public class SpentRefreshTokenEntity {
    @Id
    @Column(name = "refresh_hash")
    public String refreshHash;
    @Column(name = "session_id")
    public String sessionId;
    @Column(name = "spent_at")
    public Timestamp spentAt;
}
