package dev.pergola.identity.internal.console;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class GuardedResponseTest {
    @Test
    public void cookiesWithoutSameSiteGetStrictOthersAreKept() {
        assertEquals("JSESSIONID=x; Path=/; HttpOnly; SameSite=Strict",
                GuardedResponse.withSameSite("JSESSIONID=x; Path=/; HttpOnly"));
        assertEquals("a=b; SameSite=Lax", GuardedResponse.withSameSite("a=b; SameSite=Lax"));
    }

    @Test
    public void onlyTheConsolePathIsGuarded() {
        assertEquals(true, ConsoleGuard.underConsole("/system/console", "/system/console"));
        assertEquals(true, ConsoleGuard.underConsole("/system/console/bundles/12", "/system/console"));
        assertEquals(false, ConsoleGuard.underConsole("/system/consoleX", "/system/console"));
        assertEquals(false, ConsoleGuard.underConsole("/api/v1/auth/me", "/system/console"));
    }
}
