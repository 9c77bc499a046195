package dev.pergola.mail.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.Test;

import dev.pergola.api.health.HealthResult;

public class MailHealthCheckTest {
    private static Map<String, Object> counts(long pending, long late, long unknown) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pending", pending);
        m.put("late", late);
        m.put("unknown", unknown);
        return m;
    }

    @Test
    public void aFewYoungMessagesAreFine() {
        HealthResult r = MailHealthCheck.backlog(counts(3, 0, 0), 900, 500);
        assertEquals(HealthResult.Status.UP, r.status());
        assertEquals("3 email(s) pending", r.message());
    }

    @Test
    public void tooManyPendingWarnsEvenWhenNoneIsLate() {
        HealthResult r = MailHealthCheck.backlog(counts(501, 0, 0), 900, 500);
        assertEquals(HealthResult.Status.WARN, r.status());
        assertTrue(r.message(), r.message().startsWith("501 email(s) are pending, more than 500"));
    }

    @Test
    public void aLateMessageWarnsFirst() {
        HealthResult r = MailHealthCheck.backlog(counts(2, 1, 0), 900, 500);
        assertEquals(HealthResult.Status.WARN, r.status());
        assertTrue(r.message(), r.message().contains("waited more than 900 s"));
    }
}
