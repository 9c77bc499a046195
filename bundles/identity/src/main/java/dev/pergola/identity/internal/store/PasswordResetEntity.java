package dev.pergola.identity.internal.store;

import java.sql.Timestamp;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A password-reset token, stored as its SHA-256; usable once, until it expires. */
@Entity
@Table(name = "pergola_password_resets")
public class PasswordResetEntity {
    @Id
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "created_at")
    public Timestamp createdAt;
    @Column(name = "expires_at")
    public Timestamp expiresAt;
    @Column(name = "used_at")
    public Timestamp usedAt;
}
