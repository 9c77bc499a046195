package dev.pergola.plugins.internal.framework;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class FailuresTest {
    @Test
    public void theRootCauseOfAnExceptionChain() {
        Exception e = new RuntimeException("Activator start error", new IllegalStateException("hello v3 cannot start"));
        assertEquals("IllegalStateException: hello v3 cannot start", Failures.rootCause(e));
    }

    @Test
    public void theLastCausedByOfAnScrStackTrace() {
        String trace = "java.lang.reflect.InvocationTargetException\n\tat a.B.c(B.java:1)\n"
                + "Caused by: java.lang.IllegalStateException: failing plugin: activate refused by design\n\tat x.Y.z(Y.java:2)\n";
        assertEquals("IllegalStateException: failing plugin: activate refused by design", Failures.rootCause(trace));
        assertEquals("unknown error", Failures.rootCause((String) null));
        assertEquals("plain words: here", Failures.rootCause("plain words: here"));
    }
}
