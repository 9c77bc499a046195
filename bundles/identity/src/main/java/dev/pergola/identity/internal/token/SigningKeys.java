package dev.pergola.identity.internal.token;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import dev.pergola.api.persistence.MigratedSchema;
import dev.pergola.api.security.SecretBox;
import dev.pergola.api.security.SecretBoxException;
import dev.pergola.identity.internal.store.SigningKeyEntity;

/**
 * ES256 keys that sign access tokens, kept in the database so every node and every restart verifies the same
 * tokens — sealed with the installation's {@link SecretBox}, whose key is not in the database: a copy of the
 * database file does not let anyone sign tokens. {@link #rotate()} starts signing with a fresh key; a retired
 * key stays published (and accepted) only while a token it signed can still be alive (the access-token
 * lifetime plus a minute of clock skew), then {@link #purgeRetired()} deletes it.
 */
@Component(service = SigningKeys.class, configurationPid = AccessTokens.PID)
public class SigningKeys implements KeySource {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    /** Read on every request: cached 30 s; an unknown kid reloads at most once per 30 s. */
    private static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final String SEAL_CONTEXT = "pergola.signing-key:";

    private final JpaTemplate jpa;
    private final SecretBox box;
    /** How long after its retirement a key may still verify a live token. */
    private volatile Duration retiredKeyLife;
    /** Set once the stored keys were checked (clear ones sealed, a current one made): see {@link #ensureReady}. */
    private volatile boolean ready;
    private final VerificationKeys<ECKey> verification;

    @Activate
    public SigningKeys(@Reference(target = "(osgi.unit.name=pergola-identity)") JpaTemplate jpa,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.identity)") MigratedSchema schema,
            @Reference SecretBox box, TokensConfig config) {
        this.jpa = jpa;
        this.box = box;
        this.verification = new VerificationKeys<>(this::loadVerificationKeys, ECKey::getKeyID, CACHE_TTL, CACHE_TTL,
                System::nanoTime);
        configure(config);
    }

    /** Retired keys stay published as long as the new access-token lifetime needs. */
    @Modified
    void configure(TokensConfig config) {
        this.retiredKeyLife = Duration.ofSeconds(config.access_token_ttl_seconds()).plus(CLOCK_SKEW);
    }

    /**
     * Checks the stored keys once, on first use rather than in the constructor: a database that is not reachable
     * yet fails this call, and the next call tries again (SCR never retries a constructor that threw).
     */
    private void ensureReady() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (!ready) {
                boolean sealedClearKeys = sealClearKeys();
                if (sealedClearKeys || stored() == null) {
                    // a key that was ever stored in clear may have been copied: stop signing with it
                    generate();
                }
                ready = true;
            }
        }
    }

    /** The key new tokens are signed with, or null when there is none this node can open. */
    @Override
    public ECKey current() {
        ensureReady();
        return stored();
    }

    private ECKey stored() {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT k FROM SigningKeyEntity k WHERE k.retiredAt IS NULL ORDER BY k.createdAt DESC",
                SigningKeyEntity.class).setMaxResults(1).getResultList().stream().findFirst()
                .flatMap(this::open).orElse(null));
    }

    /** Every key a live token may be signed with (public halves): the current one and recently retired ones. */
    public List<ECKey> verificationKeys() {
        ensureReady();
        return verification.all();
    }

    /** The verification key a token names; see {@link VerificationKeys#find} for when this reads the database. */
    @Override
    public Optional<ECKey> verificationKey(String kid) {
        ensureReady();
        return verification.find(kid);
    }

    private List<ECKey> loadVerificationKeys() {
        Timestamp cutoff = Timestamp.from(Instant.now().minus(retiredKeyLife));
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT k FROM SigningKeyEntity k WHERE k.retiredAt IS NULL OR k.retiredAt > :cutoff",
                SigningKeyEntity.class).setParameter("cutoff", cutoff).getResultList().stream()
                .flatMap(k -> open(k).stream()).map(ECKey::toPublicJWK).toList());
    }

    /** The public halves, as published at {@code /api/v1/auth/jwks}. */
    public JWKSet publicJwks() {
        return new JWKSet(verificationKeys().stream().map(k -> (JWK) k).toList());
    }

    public synchronized ECKey rotate() {
        ensureReady();
        return generate();
    }

    private synchronized ECKey generate() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString()).generate();
            Timestamp now = Timestamp.from(Instant.now());
            jpa.tx(TransactionType.Required, em -> {
                em.createQuery("UPDATE SigningKeyEntity k SET k.retiredAt = :now WHERE k.retiredAt IS NULL")
                        .setParameter("now", now).executeUpdate();
                SigningKeyEntity entity = new SigningKeyEntity();
                entity.kid = key.getKeyID();
                entity.jwk = box.sealText(key.toJSONString(), SEAL_CONTEXT + key.getKeyID());
                entity.createdAt = now;
                em.persist(entity);
            });
            verification.invalidate();
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an ES256 key", e);
        }
    }

    /**
     * The stored keys were replaced (a restore): check them again on next use (a key this node cannot open makes a
     * new current one) and read the verification keys afresh.
     */
    public void reload() {
        synchronized (this) {
            ready = false;
        }
        verification.invalidate();
    }

    /** Deletes keys retired so long ago that no live token can carry their signature. @return how many */
    public int purgeRetired() {
        Timestamp cutoff = Timestamp.from(Instant.now().minus(retiredKeyLife));
        int deleted = jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "DELETE FROM SigningKeyEntity k WHERE k.retiredAt IS NOT NULL AND k.retiredAt <= :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate());
        if (deleted > 0) {
            verification.invalidate();
        }
        return deleted;
    }

    /** Installations from before encryption at rest kept keys in clear: seal them. @return whether any was */
    private boolean sealClearKeys() {
        int sealed = jpa.txExpr(TransactionType.Required, em -> {
            List<SigningKeyEntity> clear = em.createQuery("SELECT k FROM SigningKeyEntity k", SigningKeyEntity.class)
                    .getResultList().stream().filter(k -> !SecretBox.isSealed(k.jwk)).toList();
            clear.forEach(k -> k.jwk = box.sealText(k.jwk, SEAL_CONTEXT + k.kid));
            return clear.size();
        });
        if (sealed > 0) {
            LOG.warn("{} signing keys were stored in clear: now sealed, and the signing key is rotated", sealed);
        }
        return sealed > 0;
    }

    private Optional<ECKey> open(SigningKeyEntity entity) {
        try {
            String json = SecretBox.isSealed(entity.jwk) ? box.openText(entity.jwk, SEAL_CONTEXT + entity.kid) : entity.jwk;
            return Optional.of(ECKey.parse(json));
        } catch (SecretBoxException | ParseException e) {
            // e.g. another node's data-protection key: this key is unusable here, not fatal
            LOG.error("Signing key {} cannot be opened on this node: {}", entity.kid, e.getMessage());
            return Optional.empty();
        }
    }
}
