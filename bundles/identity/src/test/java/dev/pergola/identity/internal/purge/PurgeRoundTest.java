package dev.pergola.identity.internal.purge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.junit.Test;

public class PurgeRoundTest {
    @Test
    public void aFailingStepDoesNotStopTheOthersButFailsTheRoundNamingIt() {
        AtomicInteger after = new AtomicInteger();
        Map<String, IntSupplier> work = new LinkedHashMap<>();
        work.put("broken", () -> {
            throw new IllegalStateException("database away");
        });
        work.put("rows", () -> {
            after.incrementAndGet();
            return 3;
        });
        PurgeRound round = new PurgeRound(work);
        Map<String, Integer> each = round.runEach();
        assertEquals(Integer.valueOf(-1), each.get("broken"));
        assertEquals(Integer.valueOf(3), each.get("rows"));
        try {
            round.run();
            fail("a failed step fails the task run");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("broken") && e.getMessage().contains("3 rows"));
        }
        assertEquals(2, after.get());
    }

    @Test
    public void aCleanRoundSummarisesWhatEachStepDeleted() {
        Map<String, IntSupplier> work = new LinkedHashMap<>();
        work.put("sessions", () -> 2);
        work.put("links", () -> 0);
        assertEquals("deleted 2 sessions, 0 links", new PurgeRound(work).run());
    }

    @Test
    public void theJobIsDescribedWithTheConfiguredIntervalAndQuietCompletions() {
        Hashtable<String, Object> p = (Hashtable<String, Object>) IdentityPurge.properties(new PurgeConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return PurgeConfig.class;
            }

            @Override
            public int interval_seconds() {
                return 2;
            }

            @Override
            public int session_history_days() {
                return 30;
            }
        });
        assertEquals("identity.purge", p.get("pergola.job.id"));
        assertEquals(2L, p.get("pergola.job.interval.seconds"));
        assertEquals(Boolean.FALSE, p.get("pergola.job.audit.completions"));
    }
}
