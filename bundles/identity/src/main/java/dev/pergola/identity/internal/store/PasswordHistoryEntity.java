package dev.pergola.identity.internal.store;

import java.sql.Timestamp;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A password hash the user had; a new password must not match the most recent ones. */
@Entity
@Table(name = "pergola_password_history")
public class PasswordHistoryEntity {
    @Id
    public String id;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(name = "created_at")
    public Timestamp createdAt;
}
