package dev.pergola.audit.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.backup.RestoreCheck;
import dev.pergola.audit.internal.restore.AuditChainCheck;
import dev.pergola.audit.internal.restore.SealerRestoreParticipant;

/** The audit capability's restore hooks: the chain check and the sealer's pause. */
public class AuditRestoreHooksTest {

    @Test
    public void theChainCheckPassesAnIntactChainAndFailsAnEditedOne() throws Exception {
        TestDatabase db = TestDatabase.create("h2", null);
        JdbcAuditTrail trail = new JdbcAuditTrail(db, () -> { });
        for (int i = 0; i < 5; i++) {
            trail.record(AuditEntry.of("user.updated").withTarget("user", "u" + i));
        }
        new ChainSealer(db, 100).sealBatch();
        RestoreCheck check = new AuditChainCheck();
        assertEquals(new RestoreCheck.Result("audit-chain", true, "5 sealed audit record(s) verified"), check.check(db));

        db.update("UPDATE audit_log SET actor_name = 'mallory' WHERE seq = 3");
        RestoreCheck.Result broken = check.check(db);
        assertFalse(broken.passed());
        assertTrue(broken.detail(), broken.detail().contains("position 3"));
    }

    @Test
    public void theChainCheckFailsWhenThereIsNoAuditTrailToRead() throws Exception {
        TestDatabase db = TestDatabase.create("h2", null);
        db.update("DROP TABLE audit_log");
        RestoreCheck.Result result = new AuditChainCheck().check(db);
        assertFalse(result.passed());
        assertTrue(result.detail(), result.detail().startsWith("cannot read the audit trail"));
    }

    @Test
    public void theSealerSealsNothingBetweenBeforeAndAfterRestore() throws Exception {
        TestDatabase db = TestDatabase.create("h2", null);
        LinkedBlockingQueue<Event> posted = new LinkedBlockingQueue<>();
        AuditSealer sealer = new AuditSealer(db, null, new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event);
            }
        });
        try {
            SealerRestoreParticipant participant = new SealerRestoreParticipant(sealer);
            JdbcAuditTrail trail = new JdbcAuditTrail(db, sealer::nudge);
            participant.beforeRestore();
            trail.record(AuditEntry.of("user.updated").withTarget("user", "during"));
            assertNull("nothing sealed while paused", posted.poll(1500, TimeUnit.MILLISECONDS));
            assertEquals(1, db.count("SELECT COUNT(*) FROM audit_log WHERE seq IS NULL"));

            participant.afterRestore();
            assertNotNull("sealed soon after the restore", posted.poll(2, TimeUnit.SECONDS));
            assertEquals(0, db.count("SELECT COUNT(*) FROM audit_log WHERE seq IS NULL"));
        } finally {
            sealer.stop();
        }
    }
}
