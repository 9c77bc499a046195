package dev.pergola.events.internal.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.Test;

import dev.pergola.api.events.PergolaEvent;
import dev.pergola.api.identity.PergolaPrincipal;

public class SubscriberTest {
    static final class Recording extends Subscriber {
        final List<Long> sent = new ArrayList<>();
        final List<String> ended = new ArrayList<>();

        Recording(String... permissions) {
            super(new PergolaPrincipal("u1", "someone", Set.of(permissions), "s1"));
        }

        @Override
        protected boolean wants(PergolaEvent event) {
            return !event.type().startsWith("noise.");
        }

        @Override
        protected void send(PergolaEvent event) {
            sent.add(event.sequence());
        }

        @Override
        protected void heartbeat() {
        }

        @Override
        protected void terminate(String code, String reason) {
            ended.add(code);
        }
    }

    static Subscriber.Routed event(long sequence, String type, String permission) {
        return new Subscriber.Routed(new PergolaEvent("evt_" + sequence, sequence, type, Instant.EPOCH, null), permission);
    }

    @Test
    public void liveEventsArrivingDuringReplayWaitAndNothingIsSentTwice() {
        Recording s = new Recording("p");
        s.beginReplay(10);
        s.offer(event(13, "user.updated", "p")); // live, while the log is still being read
        s.offer(event(14, "user.updated", "p"));
        s.replay(event(11, "user.updated", "p"));
        s.replay(event(12, "user.updated", "p"));
        s.replay(event(13, "user.updated", "p")); // in the log too
        s.endReplay();
        s.offer(event(14, "user.updated", "p")); // a late duplicate
        s.offer(event(15, "user.updated", "p"));
        assertEquals(List.of(11L, 12L, 13L, 14L, 15L), s.sent);
    }

    @Test
    public void eventsAtOrBeforeTheResumePointAreNotReplayed() {
        Recording s = new Recording("p");
        s.beginReplay(10);
        s.replay(event(9, "user.updated", "p"));
        s.replay(event(10, "user.updated", "p"));
        s.endReplay();
        assertTrue(s.sent.isEmpty());
    }

    @Test
    public void onlyEventsWhosePermissionTheCallerHoldsAndThatItAskedForAreSent() {
        Recording s = new Recording("admin.users.view");
        s.offer(event(1, "plugin.enabled", "admin.plugins.view"));
        s.offer(event(2, "user.created", "admin.users.view"));
        s.offer(event(3, "noise.made", "admin.users.view"));
        assertEquals(List.of(2L), s.sent);
    }

    @Test
    public void aNewPrincipalChangesWhatIsSent() {
        Recording s = new Recording();
        s.offer(event(1, "user.created", "admin.users.view"));
        s.principal(new PergolaPrincipal("u1", "someone", Set.of("admin.users.view"), "s1"));
        s.offer(event(2, "user.created", "admin.users.view"));
        assertEquals(List.of(2L), s.sent);
    }

    @Test
    public void closingReleasesOnceEndsTheTransportAndStopsDelivery() {
        Recording s = new Recording("p");
        int[] released = {0};
        s.onClose(() -> released[0]++);
        s.close("TOKEN_EXPIRED", "ended");
        s.close("TOKEN_EXPIRED", "ended");
        s.offer(event(1, "user.created", "p"));
        assertEquals(1, released[0]);
        assertEquals(List.of("TOKEN_EXPIRED"), s.ended);
        assertTrue(s.sent.isEmpty());
    }

    @Test
    public void theConnectionLimitCountsPerUserAndFreesSlots() {
        ConnectionLimit limit = new ConnectionLimit();
        assertTrue(limit.tryAcquire("a", 2));
        assertTrue(limit.tryAcquire("a", 2));
        assertEquals(false, limit.tryAcquire("a", 2));
        assertTrue("others are not affected", limit.tryAcquire("b", 2));
        limit.release("a");
        assertEquals(1, limit.openBy("a"));
        assertTrue(limit.tryAcquire("a", 2));
        limit.release("a");
        limit.release("a");
        assertEquals(0, limit.openBy("a"));
    }
}
