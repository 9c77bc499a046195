package dev.pergola.identity.internal.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.persistence.ListQueryExecutor;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.PageResult;
import dev.pergola.identity.internal.audit.IdentityAudit;
import dev.pergola.identity.internal.store.SessionStore;

/**
 * Login sessions with rotating refresh tokens, and the one owner of the sessions table and of the cache of open
 * sessions: everyone who opens, ends or lists a session calls this class. Each refresh spends the presented token
 * and hands out a new one; presenting a spent token again means it was copied, so the whole session ends at once.
 * <p>
 * The cache is invalidated after the ending transaction commits; Caffeine makes a load and an invalidation of
 * the same key exclusive, so a load that read the session before the commit cannot put it back as open.
 */
@Component(service = Sessions.class, configurationPid = Sessions.PID)
@Designate(ocd = SessionsConfig.class)
public class Sessions {
    public static final String PID = "dev.pergola.auth.sessions";

    private final SessionStore store;
    private final IdentityAudit audit;
    private volatile Duration lifetime;
    /** Session id → its user while open ("" when not): checked on every request, at most 5 s stale for other nodes. */
    private final Cache<String, String> active = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5))
            .maximumSize(100_000).build();
    /** Cookie secret hash → its session ({@link CookieSession#NONE} for none); an end is seen through {@link #isActive}. */
    private final Cache<String, CookieSession> cookies = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(30))
            .maximumSize(100_000).build();

    /** Forgets which sessions and cookies were seen open (a restore replaced the sessions table). */
    public void forgetCached() {
        active.invalidateAll();
        cookies.invalidateAll();
    }

    /** The browser session a cookie names: what authenticating a request needs. */
    public record CookieSession(String id, String userId) {
        static final CookieSession NONE = new CookieSession("", "");
    }

    /** A session and the refresh token that continues it (shown to the client once). */
    public record Opened(SessionDto session, String refreshToken) {
    }

    @Activate
    public Sessions(@Reference(target = "(osgi.unit.name=pergola-identity)") JpaTemplate jpa,
            @Reference ListQueryExecutor lists, @Reference IdentityAudit audit, SessionsConfig config) {
        this(new SessionStore(jpa, lists), audit, config);
    }

    Sessions(SessionStore store, IdentityAudit audit, SessionsConfig config) {
        this.store = store;
        this.audit = audit;
        configure(config);
    }

    /** A new lifetime applies to sessions opened or refreshed from now on. */
    @Modified
    void configure(SessionsConfig config) {
        this.lifetime = Duration.ofDays(Math.max(1, config.session_ttl_days()));
    }

    public Opened open(String userId, String clientAddress, String userAgent) {
        return open(userId, clientAddress, userAgent, SessionKinds.TOKEN);
    }

    /** A browser session: the returned secret goes into an HttpOnly cookie and is never refreshed by rotation. */
    public Opened openCookie(String userId, String clientAddress, String userAgent) {
        return open(userId, clientAddress, userAgent, SessionKinds.COOKIE);
    }

    /** The active browser session whose cookie carries this secret; no database read while it is cached. */
    public Optional<CookieSession> byCookie(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        CookieSession session = cookies.get(OpaqueTokens.hash(secret), hash -> store
                .findBySecretHash(hash, SessionKinds.COOKIE).map(s -> new CookieSession(s.id(), s.userId()))
                .orElse(CookieSession.NONE));
        return session == CookieSession.NONE || !isActive(session.id()) ? Optional.empty() : Optional.of(session);
    }

    private Opened open(String userId, String clientAddress, String userAgent, String kind) {
        String token = OpaqueTokens.generate();
        SessionDto session = store.insert(userId, OpaqueTokens.hash(token), Instant.now(), lifetime,
                truncate(clientAddress, 64), truncate(userAgent, 500), kind);
        return new Opened(session, token);
    }

    /** @throws PergolaException INVALID_TOKEN for unknown, expired or reused tokens (reuse also ends the session) */
    public Opened refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw PergolaException.invalid("refresh_token", "is required");
        }
        String next = OpaqueTokens.generate();
        SessionStore.Rotation outcome = store.rotate(OpaqueTokens.hash(refreshToken), OpaqueTokens.hash(next),
                Instant.now(), lifetime, recording(EventTypes.SESSION_ENDED, "refresh_token_reuse"));
        if (outcome.session() != null) {
            return new Opened(outcome.session(), next);
        }
        if (outcome.revoked() != null) {
            active.invalidate(outcome.revoked());
        }
        throw new PergolaException(PergolaException.INVALID_TOKEN, outcome.refusal());
    }

    /** Ends a session (recorded as {@code session.ended} with the reason). */
    public void end(String sessionId, String reason) {
        end(sessionId, reason, EventTypes.SESSION_ENDED);
    }

    /** Its user signs out of the session (recorded as {@code auth.logout}). */
    public void logout(String sessionId) {
        end(sessionId, "logout", EventTypes.AUTH_LOGOUT);
    }

    private void end(String sessionId, String reason, String action) {
        store.end(sessionId, reason, Instant.now(), recording(action, reason));
        active.invalidate(sessionId); // after the commit: see the class comment
    }

    /** The audit record of a session ending, in the ending's transaction; a session's DTO holds no secret. */
    private SessionStore.Ending recording(String action, String reason) {
        return (em, before, after) -> audit.inTransaction(em, AuditEntry.of(action)
                .withTarget("session", before.id(), null).withBefore(before).withAfter(after)
                .withDetail("reason", reason).withDetail("user_id", before.userId()));
    }

    /** Ends every open session of the user except {@code keep} (null: all of them), e.g. on a password change. */
    public void endAllOf(String userId, String reason, String keep) {
        List<String> ended = store.endAllOf(userId, reason, keep, Instant.now());
        active.invalidateAll(ended);
    }

    /** One page of the user's login history. */
    public PageResult<SessionDto> ofUser(String userId, ListQuery query) {
        return store.ofUser(userId, query);
    }

    /** Ends one of the user's own sessions. @throws PergolaException RESOURCE_NOT_FOUND when it is not theirs */
    public void endOwn(String userId, String sessionId, String reason) {
        Optional<SessionDto> s = store.find(sessionId);
        if (s.isEmpty() || !s.get().userId().equals(userId)) {
            throw PergolaException.notFound("No session " + sessionId);
        }
        end(sessionId, reason);
    }

    public boolean isActive(String sessionId) {
        return activeOwner(sessionId).isPresent();
    }

    /** The id of the user whose open session this is; empty when it has ended, expired or never existed. */
    public Optional<String> activeOwner(String sessionId) {
        String owner = active.get(sessionId, id -> store.find(id).filter(s -> s.isOpenAt(Instant.now()))
                .map(SessionDto::userId).orElse(""));
        return owner.isEmpty() ? Optional.empty() : Optional.of(owner);
    }

    /**
     * Deletes what no request can use any more: refresh tokens spent in sessions that have ended or expired
     * (reuse detection only matters while the session is open), and sessions that ended or expired before
     * {@code historyCutoff} (younger ones stay as the user's login history). @return rows deleted
     */
    public int purge(Instant now, Instant historyCutoff) {
        return store.purge(now, historyCutoff);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
