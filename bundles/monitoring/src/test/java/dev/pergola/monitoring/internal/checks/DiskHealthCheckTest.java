package dev.pergola.monitoring.internal.checks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

import dev.pergola.api.health.HealthResult;

public class DiskHealthCheckTest {
    private static final long MB = 1024L * 1024L;
    private final DiskConfig defaults = Configs.of(DiskConfig.class, Map.of());

    @Test
    public void plentyOfSpaceIsUp() {
        HealthResult r = DiskHealthCheck.assess("/data", 50_000 * MB, 100_000 * MB, defaults);
        assertEquals(HealthResult.Status.UP, r.status());
        assertEquals(50_000L, r.details().get("free_mb"));
        assertEquals(50.0, r.details().get("free_percent"));
    }

    @Test
    public void belowTheMinimumMegabytesIsDown() {
        HealthResult r = DiskHealthCheck.assess("/data", 499 * MB, 10_000 * MB, defaults);
        assertEquals(HealthResult.Status.DOWN, r.status());
        assertTrue(r.message(), r.message().contains("below the minimum of 500 MB"));
    }

    @Test
    public void belowTheMinimumPercentIsDownEvenWithManyMegabytes() {
        HealthResult r = DiskHealthCheck.assess("/data", 1_000 * MB, 100_000 * MB, defaults);
        assertEquals(HealthResult.Status.DOWN, r.status());
    }

    @Test
    public void withinTheMarginWarns() {
        HealthResult r = DiskHealthCheck.assess("/data", 900 * MB, 10_000 * MB, defaults);
        assertEquals(HealthResult.Status.WARN, r.status());
        assertTrue(r.message(), r.message().contains("close to the minimum"));
    }

    @Test
    public void thresholdsComeFromTheConfiguration() {
        DiskConfig strict = Configs.of(DiskConfig.class, Map.of("min_free_mb", 60_000L));
        assertEquals(HealthResult.Status.DOWN,
                DiskHealthCheck.assess("/data", 50_000 * MB, 100_000 * MB, strict).status());
    }
}
