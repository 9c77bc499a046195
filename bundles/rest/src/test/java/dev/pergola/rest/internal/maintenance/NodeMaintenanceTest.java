package dev.pergola.rest.internal.maintenance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.Test;

import dev.pergola.api.platform.Maintenance;

public class NodeMaintenanceTest {
    private static final Instant T0 = Instant.parse("2026-11-30T03:00:00Z");
    private final NodeMaintenance maintenance = new NodeMaintenance(Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    public void offUntilEnteredAndOffAgainWhenTheHandleCloses() {
        assertFalse(maintenance.active());
        Maintenance.Handle handle = maintenance.enter("restore of pergola-backup-20261130-030000.zip");
        assertEquals(new Maintenance.State("restore of pergola-backup-20261130-030000.zip", T0), maintenance.state().get());
        handle.close();
        assertFalse(maintenance.active());
    }

    @Test
    public void overlappingHandlesKeepItOnUntilTheLastOneClosesAndClosingTwiceDoesNotCount() {
        Maintenance.Handle restore = maintenance.enter("restore");
        Maintenance.Handle other = maintenance.enter("restore");
        restore.close();
        restore.close();
        assertTrue("the second handle still holds maintenance on", maintenance.active());
        assertEquals("restore", maintenance.state().get().reason());
        other.close();
        assertFalse(maintenance.active());
    }

    @Test
    public void theOldestOpenReasonIsShownAndABlankReasonGetsAName() {
        Maintenance.Handle first = maintenance.enter("  ");
        Maintenance.Handle second = maintenance.enter("upgrade");
        assertEquals("maintenance", maintenance.state().get().reason());
        first.close();
        assertEquals("upgrade", maintenance.state().get().reason());
        second.close();
    }
}
