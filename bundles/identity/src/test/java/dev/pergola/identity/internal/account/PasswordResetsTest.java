package dev.pergola.identity.internal.account;

import dev.pergola.identity.internal.audit.RecordingAuditTrail;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.junit.Test;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.Configs;

public class PasswordResetsTest {
    /** A database that takes as long as the test wants to look an address up; it never finds one. */
    private static final class SlowStore implements JpaTemplate {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public <R> R txExpr(TransactionType type, EmFunction<R> code) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lookups.incrementAndGet();
            return null; // "no such account"
        }

        @Override
        public void tx(TransactionType type, EmConsumer code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <R> R txExpr(EmFunction<R> code) {
            return txExpr(TransactionType.Required, code);
        }

        @Override
        public void tx(EmConsumer code) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    public void theAnswerDoesNotWaitForTheAccountLookup() throws Exception {
        SlowStore store = new SlowStore();
        PasswordResets resets = new PasswordResets(store, null, new NoMail(), null, new RecordingAuditTrail().identityAudit(),
                Configs.of(ResetsConfig.class, Map.of()));
        try {
            long start = System.nanoTime();
            resets.requestReset("someone@example.test");
            resets.requestReset("other@example.test");
            long took = System.nanoTime() - start;
            assertEquals("nothing looked up on the caller's thread", 0, store.lookups.get());
            assertTrue("answered while the lookup is still blocked: " + took, took < TimeUnit.SECONDS.toNanos(5));
        } finally {
            store.release.countDown();
            resets.stop();
        }
        assertEquals("deactivation waits for queued requests", 2, store.lookups.get());
    }

    @Test
    public void aMalformedAddressIsRefusedAtOnce() throws Exception {
        PasswordResets resets = new PasswordResets(new SlowStore(), null, new NoMail(), null, new RecordingAuditTrail().identityAudit(),
                Configs.of(ResetsConfig.class, Map.of()));
        try {
            assertThrows(PergolaException.class, () -> resets.requestReset("not-an-address"));
            assertThrows(PergolaException.class, () -> resets.requestReset(null));
        } finally {
            resets.stop();
        }
    }

    /** A mailer that queues nothing. */
    private static final class NoMail implements dev.pergola.api.mail.Mailer {
        @Override
        public String send(dev.pergola.api.mail.MailMessage message) {
            return "id";
        }

        @Override
        public String send(dev.pergola.api.mail.TemplatedMail mail) {
            return "id";
        }
    }
}
