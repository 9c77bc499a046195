package dev.pergola.identity.internal.session;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.identity.internal.cache.ExpiringCache;
import dev.pergola.identity.internal.store.SessionEntity;
import dev.pergola.identity.internal.store.SpentRefreshTokenEntity;
import dev.pergola.identity.internal.token.AuthConfig;

/**
 * Login sessions with rotating refresh tokens. Each refresh spends the presented token and hands out a
 * new one; presenting a spent token again means it was copied, so the whole session ends at once.
 */
@Component(service = Sessions.class, configurationPid = "dev.pergola.auth")
public class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final JpaTemplate jpa;
    private final Duration lifetime;
    /** Session id → its user while open ("" when not): checked on every request, cached 5 s; ending a session here drops it at once. */
    private final ExpiringCache<String, String> active = new ExpiringCache<>(Duration.ofSeconds(5), 100_000);
    /** Cookie secret hash → its session ({@link CookieSession#NONE} for none); an end is seen through {@link #isActive}. */
    private final ExpiringCache<String, CookieSession> cookies = new ExpiringCache<>(Duration.ofSeconds(30), 100_000);

    /** The browser session a cookie names: what authenticating a request needs. */
    public record CookieSession(String id, String userId) {
        static final CookieSession NONE = new CookieSession("", "");
    }

    /** A session and the refresh token that continues it (shown to the client once). */
    public record Opened(SessionEntity session, String refreshToken) {
    }

    @Activate
    public Sessions(@Reference(target = "(osgi.unit.name=pergola-identity)") JpaTemplate jpa, AuthConfig config) {
        this.jpa = jpa;
        this.lifetime = Duration.ofDays(config.session_ttl_days());
    }

    public Opened open(String userId, String clientAddress, String userAgent) {
        return open(userId, clientAddress, userAgent, SessionEntity.TOKEN);
    }

    /** A browser session: the returned secret goes into an HttpOnly cookie and is never refreshed by rotation. */
    public Opened openCookie(String userId, String clientAddress, String userAgent) {
        return open(userId, clientAddress, userAgent, SessionEntity.COOKIE);
    }

    /** The active browser session whose cookie carries this secret; no database read while it is cached. */
    public Optional<CookieSession> byCookie(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        CookieSession session = cookies.get(OpaqueTokens.hash(secret), hash -> jpa.txExpr(TransactionType.Required, em -> em
                .createQuery("SELECT s FROM SessionEntity s WHERE s.refreshHash = :h AND s.kind = :k", SessionEntity.class)
                .setParameter("h", hash).setParameter("k", SessionEntity.COOKIE).getResultList().stream()
                .findFirst().map(s -> new CookieSession(s.id, s.userId)).orElse(CookieSession.NONE)));
        return session == CookieSession.NONE || !isActive(session.id()) ? Optional.empty() : Optional.of(session);
    }

    private Opened open(String userId, String clientAddress, String userAgent, String kind) {
        String token = OpaqueTokens.generate();
        SessionEntity session = jpa.txExpr(TransactionType.Required, em -> {
            SessionEntity s = new SessionEntity();
            s.id = UUID.randomUUID().toString();
            s.userId = userId;
            s.refreshHash = OpaqueTokens.hash(token);
            s.createdAt = Timestamp.from(Instant.now());
            s.lastUsedAt = s.createdAt;
            s.expiresAt = Timestamp.from(Instant.now().plus(lifetime));
            s.clientAddress = truncate(clientAddress, 64);
            s.userAgent = truncate(userAgent, 500);
            s.kind = kind;
            em.persist(s);
            return s;
        });
        return new Opened(session, token);
    }

    /** @throws ApiException INVALID_TOKEN for unknown, expired or reused tokens (reuse also ends the session) */
    public Opened refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ApiException.validation("refresh_token", "is required");
        }
        String hash = OpaqueTokens.hash(refreshToken);
        String next = OpaqueTokens.generate();
        Object outcome = jpa.txExpr(TransactionType.Required, em -> rotate(em, hash, next));
        if (outcome instanceof SessionEntity session) {
            return new Opened(session, next);
        }
        active.clear(); // a reuse may have just revoked a session
        throw new ApiException(ErrorCode.INVALID_TOKEN, (String) outcome);
    }

    /** Returns the rotated session, or the reason the token was refused. */
    private Object rotate(EntityManager em, String hash, String next) {
        List<SessionEntity> current = em.createQuery(
                "SELECT s FROM SessionEntity s WHERE s.refreshHash = :h", SessionEntity.class)
                .setParameter("h", hash).getResultList();
        Instant now = Instant.now();
        if (!current.isEmpty() && SessionEntity.TOKEN.equals(current.get(0).kind)) {
            SessionEntity s = current.get(0);
            if (s.endedAt != null || !s.expiresAt.toInstant().isAfter(now)) {
                return "The session has ended; log in again.";
            }
            SpentRefreshTokenEntity spent = new SpentRefreshTokenEntity();
            spent.refreshHash = hash;
            spent.sessionId = s.id;
            spent.spentAt = Timestamp.from(now);
            em.persist(spent);
            s.refreshHash = OpaqueTokens.hash(next);
            s.lastUsedAt = Timestamp.from(now);
            s.expiresAt = Timestamp.from(now.plus(lifetime));
            return s;
        }
        SpentRefreshTokenEntity reused = em.find(SpentRefreshTokenEntity.class, hash);
        if (reused != null) {
            SessionEntity s = em.find(SessionEntity.class, reused.sessionId);
            if (s != null && s.endedAt == null) {
                s.endedAt = Timestamp.from(now);
                s.endReason = "refresh_token_reuse";
                LOG.warn("A spent refresh token of session {} (user {}) was presented again: session revoked", s.id, s.userId);
            }
            return "This refresh token was already used; the session has been revoked. Log in again.";
        }
        return "Unknown refresh token.";
    }

    public void end(String sessionId, String reason) {
        jpa.tx(TransactionType.Required, em -> {
            SessionEntity s = em.find(SessionEntity.class, sessionId);
            if (s != null && s.endedAt == null) {
                s.endedAt = Timestamp.from(Instant.now());
                s.endReason = reason;
            }
        });
        active.invalidate(sessionId);
    }

    /** The user's login history, newest first. */
    public List<SessionEntity> ofUser(String userId, int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT s FROM SessionEntity s WHERE s.userId = :u ORDER BY s.createdAt DESC", SessionEntity.class)
                .setParameter("u", userId).setMaxResults(limit).getResultList());
    }

    /** Ends one of the user's own sessions. @throws ApiException 404 when it is not theirs */
    public void endOwn(String userId, String sessionId, String reason) {
        SessionEntity s = jpa.txExpr(TransactionType.Required, em -> em.find(SessionEntity.class, sessionId));
        if (s == null || !s.userId.equals(userId)) {
            throw ApiException.notFound("No session " + sessionId);
        }
        end(sessionId, reason);
    }

    public boolean isActive(String sessionId) {
        return activeOwner(sessionId).isPresent();
    }

    /** The id of the user whose open session this is; empty when it has ended, expired or never existed. */
    public Optional<String> activeOwner(String sessionId) {
        String owner = active.get(sessionId, id -> {
            SessionEntity s = jpa.txExpr(TransactionType.Required, em -> em.find(SessionEntity.class, id));
            return s != null && s.endedAt == null && s.expiresAt.toInstant().isAfter(Instant.now()) ? s.userId : "";
        });
        return owner.isEmpty() ? Optional.empty() : Optional.of(owner);
    }

    /**
     * Deletes what no request can use any more: refresh tokens spent in sessions that have ended or expired
     * (reuse detection only matters while the session is open), and sessions that ended or expired before
     * {@code historyCutoff} (younger ones stay as the user's login history). @return rows deleted
     */
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

    /** Forget cached session states, after sessions were ended in bulk (e.g. an account deactivated). */
    public void forgetCached() {
        active.clear();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
