package dev.pergola.monitoring.internal.checks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

import dev.pergola.api.health.HealthResult;

public class HeapHealthCheckTest {
    private static final long MB = 1024L * 1024L;
    private final HeapConfig defaults = Configs.of(HeapConfig.class, Map.of());

    @Test
    public void aModestLiveSetIsUp() {
        HealthResult r = HeapHealthCheck.assess(200 * MB, 1000 * MB, defaults);
        assertEquals(HealthResult.Status.UP, r.status());
        assertEquals(20.0, r.details().get("used_percent"));
    }

    @Test
    public void aboveTheWarningShareWarns() {
        assertEquals(HealthResult.Status.WARN, HeapHealthCheck.assess(900 * MB, 1000 * MB, defaults).status());
    }

    @Test
    public void aboveTheDownShareIsDown() {
        HealthResult r = HeapHealthCheck.assess(990 * MB, 1000 * MB, defaults);
        assertEquals(HealthResult.Status.DOWN, r.status());
        assertTrue(r.message(), r.message().contains("above 97.0 %"));
    }

    @Test
    public void sharesComeFromTheConfiguration() {
        HeapConfig low = Configs.of(HeapConfig.class, Map.of("warn_percent", 10.0, "down_percent", 15.0));
        assertEquals(HealthResult.Status.DOWN, HeapHealthCheck.assess(200 * MB, 1000 * MB, low).status());
    }

    @Test
    public void noKnownMaximumIsNotAFailure() {
        assertEquals(HealthResult.Status.UP, HeapHealthCheck.assess(200 * MB, -1, defaults).status());
    }
}
