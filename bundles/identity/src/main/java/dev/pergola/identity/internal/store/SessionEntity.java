package dev.pergola.identity.internal.store;

import java.sql.Timestamp;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "pergola_sessions")
public class SessionEntity {
    @Id
    public String id;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "refresh_hash")
    public String refreshHash;
    @Column(name = "created_at")
    public Timestamp createdAt;
    @Column(name = "last_used_at")
    public Timestamp lastUsedAt;
    @Column(name = "expires_at")
    public Timestamp expiresAt;
    @Column(name = "ended_at")
    public Timestamp endedAt;
    @Column(name = "end_reason")
    public String endReason;
    @Column(name = "client_address")
    public String clientAddress;
    @Column(name = "user_agent")
    public String userAgent;
    /** {@link #TOKEN} (bearer + rotating refresh token) or {@link #COOKIE} (browser: HttpOnly cookie + CSRF token). */
    @Column(name = "kind")
    public String kind = TOKEN;

    public static final String TOKEN = "token";
    public static final String COOKIE = "cookie";
}
