package dev.pergola.identity.internal.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.persistence.ListQueryExecutor;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.PageResult;
import dev.pergola.identity.internal.session.SessionDto;

/**
 * The SQL of the sessions and spent refresh tokens tables. Only {@code Sessions} uses it (it owns the tables and
 * their cache); methods are not final so that tests can stand in a controllable store.
 */
public class SessionStore {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

    private final JpaTemplate jpa;
    private final ListQueryExecutor lists;

    /** What else a transaction ending a session does (its audit record), given the session as it was. */
    @FunctionalInterface
    public interface Ending {
        void ended(EntityManager em, SessionDto before, SessionDto after);
    }

    /** What a refresh came to: the rotated session, or the reason the token was refused (and the session a reuse revoked). */
    public record Rotation(SessionDto session, String refusal, String revoked) {
    }

    public SessionStore(JpaTemplate jpa, ListQueryExecutor lists) {
        this.jpa = jpa;
        this.lists = lists;
    }

    public SessionDto insert(String userId, String refreshHash, Instant now, Duration lifetime, String clientAddress,
            String userAgent, String kind) {
        return jpa.txExpr(TransactionType.Required, em -> {
            SessionEntity s = new SessionEntity();
            s.id = UUID.randomUUID().toString();
            s.userId = userId;
            s.refreshHash = refreshHash;
            s.createdAt = Timestamp.from(now);
            s.lastUsedAt = s.createdAt;
            s.expiresAt = Timestamp.from(now.plus(lifetime));
            s.clientAddress = clientAddress;
            s.userAgent = userAgent;
            s.kind = kind;
            em.persist(s);
            return dto(s);
        });
    }

    public Optional<SessionDto> find(String id) {
        return Optional.ofNullable(jpa.txExpr(TransactionType.Required, em -> dto(em.find(SessionEntity.class, id))));
    }

    /** The session whose refresh (or cookie) hash this is, of the given kind. */
    public Optional<SessionDto> findBySecretHash(String hash, String kind) {
        return jpa.txExpr(TransactionType.Required, em -> em
                .createQuery("SELECT s FROM SessionEntity s WHERE s.refreshHash = :h AND s.kind = :k", SessionEntity.class)
                .setParameter("h", hash).setParameter("k", kind).getResultList().stream().findFirst().map(SessionStore::dto));
    }

    /**
     * Spends the refresh token with hash {@code hash} and gives the session {@code nextHash}; a spent token
     * presented again ends its session ({@code refresh_token_reuse}).
     */
    public Rotation rotate(String hash, String nextHash, Instant now, Duration lifetime, Ending onReuse) {
        return jpa.txExpr(TransactionType.Required, em -> rotate(em, hash, nextHash, now, lifetime, onReuse));
    }

    private Rotation rotate(EntityManager em, String hash, String nextHash, Instant now, Duration lifetime,
            Ending onReuse) {
        List<SessionEntity> current = em.createQuery(
                "SELECT s FROM SessionEntity s WHERE s.refreshHash = :h", SessionEntity.class)
                .setParameter("h", hash).getResultList();
        if (!current.isEmpty() && SessionEntity.TOKEN.equals(current.get(0).kind)) {
            SessionEntity s = current.get(0);
            if (s.endedAt != null || !s.expiresAt.toInstant().isAfter(now)) {
                return new Rotation(null, "The session has ended; log in again.", null);
            }
            SpentRefreshTokenEntity spent = new SpentRefreshTokenEntity();
            spent.refreshHash = hash;
            spent.sessionId = s.id;
            spent.spentAt = Timestamp.from(now);
            em.persist(spent);
            s.refreshHash = nextHash;
            s.lastUsedAt = Timestamp.from(now);
            s.expiresAt = Timestamp.from(now.plus(lifetime));
            return new Rotation(dto(s), null, null);
        }
        SpentRefreshTokenEntity reused = em.find(SpentRefreshTokenEntity.class, hash);
        if (reused != null) {
            SessionEntity s = em.find(SessionEntity.class, reused.sessionId);
            String revoked = null;
            if (s != null && s.endedAt == null) {
                revoked = s.id;
                SessionDto before = dto(s);
                s.endedAt = Timestamp.from(now);
                s.endReason = "refresh_token_reuse";
                onReuse.ended(em, before, dto(s));
                LOG.warn("A spent refresh token of session {} (user {}) was presented again: session revoked", s.id, s.userId);
            }
            return new Rotation(null, "This refresh token was already used; the session has been revoked. Log in again.",
                    revoked);
        }
        return new Rotation(null, "Unknown refresh token.", null);
    }

    /** Ends the session if it is open, and then does {@code also} in the same transaction. */
    public void end(String id, String reason, Instant now, Ending also) {
        jpa.tx(TransactionType.Required, em -> {
            SessionEntity s = em.find(SessionEntity.class, id);
            if (s != null && s.endedAt == null) {
                SessionDto before = dto(s);
                s.endedAt = Timestamp.from(now);
                s.endReason = reason;
                also.ended(em, before, dto(s));
            }
        });
    }

    /** Ends every open session of the user but {@code keep} (may be null). @return the ids ended */
    public List<String> endAllOf(String userId, String reason, String keep, Instant now) {
        return jpa.txExpr(TransactionType.Required, em -> {
            List<SessionEntity> open = em.createQuery("SELECT s FROM SessionEntity s WHERE s.userId = :u"
                    + " AND s.endedAt IS NULL AND s.id <> :keep", SessionEntity.class)
                    .setParameter("u", userId).setParameter("keep", keep == null ? "" : keep).getResultList();
            for (SessionEntity s : open) {
                s.endedAt = Timestamp.from(now);
                s.endReason = reason;
            }
            return open.stream().map(s -> s.id).toList();
        });
    }

    /** One page of the user's sessions, as the list query asks. */
    public PageResult<SessionDto> ofUser(String userId, ListQuery query) {
        return jpa.txExpr(TransactionType.Required, em -> lists.fetch(em, SessionEntity.class, query,
                (cb, root) -> cb.equal(root.get("userId"), userId)).map(SessionStore::dto));
    }

    /** Deletes spent tokens of closed sessions, and sessions closed before {@code historyCutoff}. @return rows */
    public int purge(Instant now, Instant historyCutoff) {
        Timestamp nowTs = Timestamp.from(now);
        Timestamp cutoff = Timestamp.from(historyCutoff);
        return jpa.txExpr(TransactionType.Required, em -> {
            int spent = em.createQuery("DELETE FROM SpentRefreshTokenEntity t WHERE t.sessionId IN (SELECT s.id FROM"
                    + " SessionEntity s WHERE s.endedAt IS NOT NULL OR s.expiresAt <= :now)")
                    .setParameter("now", nowTs).executeUpdate();
            int sessions = em.createQuery("DELETE FROM SessionEntity s WHERE s.expiresAt <= :cutoff"
                    + " OR s.endedAt <= :cutoff").setParameter("cutoff", cutoff).executeUpdate();
            return spent + sessions;
        });
    }

    private static SessionDto dto(SessionEntity s) {
        return s == null ? null : new SessionDto(s.id, s.userId, instant(s.createdAt), instant(s.lastUsedAt),
                instant(s.expiresAt), instant(s.endedAt), s.endReason, s.clientAddress, s.userAgent, s.kind);
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant().truncatedTo(ChronoUnit.MILLIS);
    }
}
