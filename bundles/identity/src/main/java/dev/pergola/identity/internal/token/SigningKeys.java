package dev.pergola.identity.internal.token;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import dev.pergola.api.persistence.MigratedSchema;
import dev.pergola.identity.internal.cache.ExpiringCache;
import dev.pergola.identity.internal.store.SigningKeyEntity;

/**
 * ES256 keys that sign access tokens, kept in the database so every node and every restart verifies
 * the same tokens. {@link #rotate()} starts signing with a fresh key; retired keys stay published (and
 * accepted) for a day so tokens signed before the rotation live out their lifetime.
 */
@Component(service = SigningKeys.class)
public class SigningKeys {
    private static final Duration RETIRED_KEYS_KEPT = Duration.ofDays(1);

    private final JpaTemplate jpa;
    /** Read on every request: cached; a rotation here clears it, one on another node shows within 30 s. */
    private final ExpiringCache<String, List<ECKey>> verification = new ExpiringCache<>(Duration.ofSeconds(30), 1);

    @Activate
    public SigningKeys(@Reference(target = "(osgi.unit.name=pergola-identity)") JpaTemplate jpa,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.identity)") MigratedSchema schema) {
        this.jpa = jpa;
        if (current() == null) {
            rotate();
        }
    }

    /** The key new tokens are signed with. */
    public ECKey current() {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT k FROM SigningKeyEntity k WHERE k.retiredAt IS NULL ORDER BY k.createdAt DESC",
                SigningKeyEntity.class).setMaxResults(1).getResultList().stream().findFirst().map(SigningKeys::parse)
                .orElse(null));
    }

    /** Every key a valid token may be signed with: the current one and recently retired ones. */
    public List<ECKey> verificationKeys() {
        return verification.get("keys", k -> loadVerificationKeys());
    }

    private List<ECKey> loadVerificationKeys() {
        Timestamp cutoff = Timestamp.from(Instant.now().minus(RETIRED_KEYS_KEPT));
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT k FROM SigningKeyEntity k WHERE k.retiredAt IS NULL OR k.retiredAt > :cutoff",
                SigningKeyEntity.class).setParameter("cutoff", cutoff).getResultList().stream()
                .map(SigningKeys::parse).toList());
    }

    /** The verification keys read afresh, when a token names a key this node has not seen yet. */
    public List<ECKey> reloadVerificationKeys() {
        verification.clear();
        return verificationKeys();
    }

    /** The public halves, as published at {@code /api/v1/auth/jwks}. */
    public JWKSet publicJwks() {
        return new JWKSet(verificationKeys().stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList());
    }

    public synchronized ECKey rotate() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString()).generate();
            Timestamp now = Timestamp.from(Instant.now());
            jpa.tx(TransactionType.Required, em -> {
                em.createQuery("UPDATE SigningKeyEntity k SET k.retiredAt = :now WHERE k.retiredAt IS NULL")
                        .setParameter("now", now).executeUpdate();
                SigningKeyEntity entity = new SigningKeyEntity();
                entity.kid = key.getKeyID();
                entity.jwk = key.toJSONString();
                entity.createdAt = now;
                em.persist(entity);
            });
            verification.clear();
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an ES256 key", e);
        }
    }

    private static ECKey parse(SigningKeyEntity entity) {
        try {
            return ECKey.parse(entity.jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("Signing key " + entity.kid + " is corrupt", e);
        }
    }
}
