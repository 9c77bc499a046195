package dev.pergola.identity.internal.session;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.events.EventTypes;
import dev.pergola.identity.internal.audit.RecordingAuditTrail;
import dev.pergola.identity.internal.store.SessionStore;

/** Sessions owns the open-session cache: an ending is never undone by a load that read the session before it. */
public class SessionsCacheTest {
    /** One session in memory; a read can be held between reading the row and returning it. */
    static final class ControllableStore extends SessionStore {
        final AtomicReference<SessionDto> row = new AtomicReference<>(session(null));
        final AtomicInteger reads = new AtomicInteger();
        volatile CountDownLatch readDone = new CountDownLatch(0);
        volatile CountDownLatch releaseRead = new CountDownLatch(0);
        final CountDownLatch ended = new CountDownLatch(1);

        ControllableStore() {
            super(null, null);
        }

        @Override
        public Optional<SessionDto> find(String id) {
            SessionDto read = row.get(); // what the transaction saw
            reads.incrementAndGet();
            readDone.countDown();
            await(releaseRead);
            return Optional.of(read);
        }

        @Override
        public void end(String id, String reason, Instant now, Ending also) {
            SessionDto before = row.get();
            row.set(session(now)); // committed
            also.ended(RecordingAuditTrail.transaction(), before, row.get());
            ended.countDown();
        }

        @Override
        public List<String> endAllOf(String userId, String reason, String keep, Instant now) {
            row.set(session(now));
            return List.of("s1");
        }
    }

    private final ControllableStore store = new ControllableStore();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final Sessions sessions = new Sessions(store, audit.identityAudit(),
            dev.pergola.identity.internal.Configs.of(SessionsConfig.class, java.util.Map.of()));

    @Test
    public void aSessionEndedWhileItsStateLoadsIsNotCachedAsOpen() throws Exception {
        store.readDone = new CountDownLatch(1);
        store.releaseRead = new CountDownLatch(1);
        AtomicReference<Boolean> seenByRequest = new AtomicReference<>();
        Thread request = new Thread(() -> seenByRequest.set(sessions.isActive("s1")));
        request.start();
        await(store.readDone); // the request has read the session while it was still open

        Thread logout = new Thread(() -> sessions.logout("s1"));
        logout.start();
        await(store.ended); // the ending has committed; its invalidation comes next
        Thread.sleep(50);
        store.releaseRead.countDown(); // now the stale read finishes
        request.join(5000);
        logout.join(5000);

        assertEquals("the request in flight saw the session as it read it", Boolean.TRUE, seenByRequest.get());
        assertFalse("the ended session must not be served from the cache as open", sessions.isActive("s1"));
    }

    @Test
    public void endingEverySessionOfAUserDropsThemFromTheCache() {
        assertTrue(sessions.isActive("s1"));
        assertTrue(sessions.isActive("s1"));
        assertEquals("the second check came from the cache", 1, store.reads.get());
        sessions.endAllOf("u1", "password_changed", null);
        assertFalse(sessions.isActive("s1"));
    }

    @Test
    public void aSessionEndedByARestoreIsSeenEndedOnceTheCacheIsForgotten() {
        assertTrue(sessions.isActive("s1"));
        store.row.set(session(Instant.now())); // the restored table has it ended, behind the cache's back
        assertTrue("still cached as open", sessions.isActive("s1"));
        sessions.forgetCached();
        assertFalse(sessions.isActive("s1"));
    }

    @Test
    public void aLogoutIsOneRecordAndEndingAllOfAUserNone() {
        sessions.endAllOf("u1", "account_deactivated", null);
        assertEquals("part of the account's own record", List.of(), audit.actions());
        store.row.set(session(null));
        sessions.logout("s1");
        assertEquals(List.of(EventTypes.AUTH_LOGOUT), audit.actions());
        AuditEntry logout = audit.written.get(0).entry();
        assertEquals("s1", logout.targetId());
        assertEquals("logout", logout.details().get("reason"));
        assertEquals(null, ((SessionDto) logout.before()).endedAt());
        assertTrue(((SessionDto) logout.after()).endedAt() != null);
        assertTrue("in the ending's transaction", audit.written.get(0).inTransaction());
    }

    @Test
    public void endingASessionIsRecordedWithItsReason() {
        sessions.end("s1", "terminated");
        assertEquals(List.of(EventTypes.SESSION_ENDED), audit.actions());
        assertEquals("terminated", audit.written.get(0).entry().details().get("reason"));
    }

    static SessionDto session(Instant endedAt) {
        Instant now = Instant.now();
        return new SessionDto("s1", "u1", now, now, now.plus(Duration.ofDays(1)), endedAt,
                endedAt == null ? null : "logout", "127.0.0.1", "test", SessionKinds.TOKEN);
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
