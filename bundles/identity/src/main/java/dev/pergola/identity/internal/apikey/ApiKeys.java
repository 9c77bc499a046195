package dev.pergola.identity.internal.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.persistence.ListQueryExecutor;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.PageResult;
import dev.pergola.identity.internal.account.Accounts;
import dev.pergola.identity.internal.audit.AuditActors;
import dev.pergola.identity.internal.audit.IdentityAudit;
import dev.pergola.identity.internal.rbac.Actor;
import dev.pergola.identity.internal.rbac.GrantPolicy;
import dev.pergola.identity.internal.store.Columns;
import dev.pergola.identity.internal.store.FieldLengths;
import dev.pergola.identity.internal.store.ApiKeyEntity;

/**
 * API keys {@code pgl_<prefix>_<secret>}: the full key is shown once at creation; the database keeps the
 * prefix (to find it and to show it) and the SHA-256 of the key. A key acts with its scopes, narrowed at
 * every use to what its owner may still do.
 */
@Component(service = ApiKeys.class)
public class ApiKeys {
    public static final String PREFIX = "pgl_";
    static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);
    static final Duration MAX_LIFETIME = Duration.ofDays(366);
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JpaTemplate jpa;
    private final ListQueryExecutor lists;
    private final Accounts accounts;
    private final IdentityAudit audit;

    /** A new key and the secret to show once. */
    public record Created(ApiKeyDto key, String secret) {
    }

    /** Who a presented key acts for, which key it is, and with which permissions. */
    public record Identity(String userId, String keyId, Set<String> permissions) {
    }

    @Activate
    public ApiKeys(@Reference(target = "(osgi.unit.name=pergola-identity)") JpaTemplate jpa,
            @Reference ListQueryExecutor lists, @Reference Accounts accounts, @Reference IdentityAudit audit) {
        this.audit = audit;
        this.jpa = jpa;
        this.lists = lists;
        this.accounts = accounts;
    }

    /**
     * A key for the account {@code userId}, made by {@code actor} (the owner, or an operator from the shell): the
     * scopes must be held by the owner and, by the grantor rule, by whoever makes the key and sees its secret.
     */
    public Created create(Actor actor, String userId, String name, List<String> scopes, Instant expiresAt) {
        if (name == null || name.isBlank() || name.length() > Columns.API_KEY_NAME) {
            throw PergolaException.invalid("name", "is required, at most " + Columns.API_KEY_NAME + " characters");
        }
        Set<String> held = accounts.effectivePermissions(userId);
        List<String> wanted = scopes == null ? List.of() : scopes;
        List<String> notHeld = wanted.stream().filter(s -> !held.contains(s)).toList();
        if (wanted.isEmpty()) {
            throw PergolaException.invalid("scopes", "name at least one permission the key may use");
        }
        if (!notHeld.isEmpty()) {
            throw PergolaException.invalid("scopes", "you do not hold: " + String.join(", ", notHeld));
        }
        GrantPolicy.grant(actor, wanted, "scopes");
        String joined = String.join(",", new LinkedHashSet<>(wanted));
        FieldLengths.check().text("scopes", joined, Columns.API_KEY_SCOPES).orThrow();
        Instant now = Instant.now();
        Instant expiry = expiresAt == null ? now.plus(DEFAULT_LIFETIME) : expiresAt;
        if (!expiry.isAfter(now) || expiry.isAfter(now.plus(MAX_LIFETIME))) {
            throw PergolaException.invalid("expires_at", "must be in the future and within 366 days");
        }
        String prefix = random(8);
        String secret = PREFIX + prefix + "_" + random(32);
        ApiKeyEntity key = new ApiKeyEntity();
        key.id = UUID.randomUUID().toString();
        key.userId = userId;
        key.name = name.trim();
        key.prefix = prefix;
        key.secretHash = sha256(secret);
        key.scopes = joined;
        key.createdAt = Timestamp.from(now);
        key.expiresAt = Timestamp.from(expiry);
        ApiKeyDto made = ApiKeyDto.of(key); // never the secret nor its hash
        jpa.tx(TransactionType.Required, em -> {
            em.persist(key);
            audit.inTransaction(em, AuditEntry.of(EventTypes.API_KEY_CREATED).withTarget("api_key", key.id, key.name)
                    .withActor(AuditActors.of(actor)).withAfter(made));
        });
        return new Created(made, secret);
    }

    /** One page of the user's keys, as the list query asks. */
    public PageResult<ApiKeyDto> list(String userId, ListQuery query) {
        return jpa.txExpr(TransactionType.Required, em -> lists.fetch(em, ApiKeyEntity.class, query,
                (cb, root) -> cb.equal(root.get("userId"), userId)).map(ApiKeyDto::of));
    }

    /** Every key of every user, newest first (the operator's view). */
    public List<ApiKeyDto> listAll() {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT k FROM ApiKeyEntity k ORDER BY k.createdAt DESC", ApiKeyEntity.class).getResultList()
                .stream().map(ApiKeyDto::of).toList());
    }

    /** Revokes any user's key (an operator's action); @throws PergolaException 404 for an unknown id */
    public ApiKeyDto revokeAny(String keyId) {
        return jpa.txExpr(TransactionType.Required, em -> {
            ApiKeyEntity key = em.find(ApiKeyEntity.class, keyId);
            if (key == null) {
                throw PergolaException.notFound("No API key " + keyId);
            }
            revoked(em, key);
            return ApiKeyDto.of(key);
        });
    }

    public void revoke(String userId, String keyId) {
        jpa.tx(TransactionType.Required, em -> {
            ApiKeyEntity key = em.find(ApiKeyEntity.class, keyId);
            if (key == null || !key.userId.equals(userId)) {
                throw PergolaException.notFound("No API key " + keyId);
            }
            revoked(em, key);
        });
    }

    /** Revokes the key if it is not yet, recorded with its states before and after; a second revoke changes nothing. */
    private void revoked(javax.persistence.EntityManager em, ApiKeyEntity key) {
        if (key.revokedAt != null) {
            return;
        }
        ApiKeyDto before = ApiKeyDto.of(key);
        key.revokedAt = Timestamp.from(Instant.now());
        audit.inTransaction(em, AuditEntry.of(EventTypes.API_KEY_REVOKED).withTarget("api_key", key.id, key.name)
                .withBefore(before).withAfter(ApiKeyDto.of(key)));
    }

    /** The identity behind a presented key, if it is genuine, unrevoked and unexpired. */
    public Optional<Identity> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() < PREFIX.length() + 10) {
            return Optional.empty();
        }
        String prefix = presented.substring(PREFIX.length(), PREFIX.length() + 8);
        Instant now = Instant.now();
        ApiKeyEntity key = jpa.txExpr(TransactionType.Required, em -> {
            List<ApiKeyEntity> found = em.createQuery("SELECT k FROM ApiKeyEntity k WHERE k.prefix = :p", ApiKeyEntity.class)
                    .setParameter("p", prefix).getResultList();
            if (found.isEmpty()) {
                return null;
            }
            ApiKeyEntity k = found.get(0);
            boolean genuine = MessageDigest.isEqual(sha256(presented).getBytes(StandardCharsets.US_ASCII),
                    k.secretHash.getBytes(StandardCharsets.US_ASCII));
            if (!genuine || k.revokedAt != null || !k.expiresAt.toInstant().isAfter(now)) {
                return null;
            }
            if (k.lastUsedAt == null || k.lastUsedAt.toInstant().isBefore(now.minusSeconds(60))) {
                k.lastUsedAt = Timestamp.from(now); // at most once a minute: no write per request
            }
            return k;
        });
        if (key == null) {
            return Optional.empty();
        }
        return Optional.of(new Identity(key.userId, key.id, effective(key.scopes, accounts.effectivePermissions(key.userId))));
    }

    /**
     * What a key may do: its scopes intersected with what its owner holds now, so a key never outlives a role
     * taken away and never does more than its holder could.
     */
    static Set<String> effective(String scopes, Set<String> ownerHolds) {
        Set<String> scoped = new LinkedHashSet<>(Arrays.asList(scopes.split(",")));
        scoped.retainAll(ownerHolds);
        return Set.copyOf(scoped);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
