package dev.pergola.identity.internal.store;

import java.sql.Timestamp;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "pergola_signing_keys")
public class SigningKeyEntity {
    @Id
    public String kid;
    /** The private key as a JWK (JSON). */
    public String jwk;
    @Column(name = "created_at")
    public Timestamp createdAt;
    @Column(name = "retired_at")
    public Timestamp retiredAt;
}
