package dev.pergola.monitoring.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ComponentsHealthCheckTest {
    @Test
    public void reportsTheRootCauseOfAStackTrace() {
        String trace = "java.lang.reflect.InvocationTargetException\n\tat a.b.C.d(C.java:1)\n"
                + "Caused by: javax.persistence.PersistenceException: wrapped\n\tat x.Y.z(Y.java:2)\n"
                + "Caused by: org.postgresql.util.PSQLException: ERROR: relation \"t\" does not exist\n\tat p.Q.r(Q.java:3)\n";
        assertEquals("org.postgresql.util.PSQLException: ERROR: relation \"t\" does not exist",
                ComponentsHealthCheck.rootCause(trace));
        assertEquals("java.lang.IllegalStateException: boom",
                ComponentsHealthCheck.rootCause("java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)"));
        assertEquals("unknown error", ComponentsHealthCheck.rootCause(null));
    }
}
