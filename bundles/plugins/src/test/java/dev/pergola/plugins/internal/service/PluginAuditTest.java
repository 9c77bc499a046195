package dev.pergola.plugins.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.Map;

import org.junit.Test;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.Outcome;
import dev.pergola.api.events.EventCatalogue;
import dev.pergola.api.events.EventTypes;
import dev.pergola.plugins.internal.store.PluginSnapshot;

/** Each plugin operation's record: the catalogue's type, target ("plugin", slug, name), before/after, its details. */
public class PluginAuditTest {
    private static final PluginSnapshot V1_OFF = new PluginSnapshot("hello", "Hello", "1.0.0", false, "disabled");
    private static final PluginSnapshot V1_ON = new PluginSnapshot("hello", "Hello", "1.0.0", true, "active");
    private static final PluginSnapshot V2_ON = new PluginSnapshot("hello", "Hello", "2.0.0", true, "active");

    @Test
    public void installedCarriesTheNewRowAndItsVersion() {
        AuditEntry e = PluginAudit.installed().entry(null, V1_OFF);
        assertTarget(EventTypes.PLUGIN_INSTALLED, e);
        assertNull(e.before());
        assertEquals(V1_OFF, e.after());
        assertEquals(Map.of("version", "1.0.0"), e.details());
        assertNull("the actor comes from the bound origin", e.actor());
    }

    @Test
    public void enabledAndDisabledCarryBothStates() {
        AuditEntry on = PluginAudit.enabled().entry(V1_OFF, V1_ON);
        assertTarget(EventTypes.PLUGIN_ENABLED, on);
        assertEquals(V1_OFF, on.before());
        assertEquals(V1_ON, on.after());
        AuditEntry off = PluginAudit.disabled().entry(V1_ON, V1_OFF);
        assertTarget(EventTypes.PLUGIN_DISABLED, off);
        assertEquals(Map.of("version", "1.0.0"), off.details());
    }

    @Test
    public void updatedNamesBothVersions() {
        AuditEntry e = PluginAudit.updated().entry(V1_ON, V2_ON);
        assertTarget(EventTypes.PLUGIN_UPDATED, e);
        assertEquals(Map.of("version", "2.0.0", "previous_version", "1.0.0"), e.details());
    }

    @Test
    public void uninstalledSaysWhetherTheDataWentToo() {
        AuditEntry e = PluginAudit.uninstalled(true).entry(V1_ON, null);
        assertTarget(EventTypes.PLUGIN_UNINSTALLED, e);
        assertEquals(V1_ON, e.before());
        assertNull(e.after());
        assertEquals(Map.of("purged", true), e.details());
    }

    @Test
    public void failedIsAFailureWithItsError() {
        AuditEntry e = PluginAudit.failed("activate refused").entry(V1_OFF,
                new PluginSnapshot("hello", "Hello", "1.0.0", true, "failed"));
        assertTarget(EventTypes.PLUGIN_FAILED, e);
        assertEquals(Outcome.FAILED, e.outcome());
        assertEquals(Map.of("error", "activate refused"), e.details());
    }

    @Test
    public void configuredNamesThePidAndKeepsWhatItIsGiven() {
        AuditEntry e = PluginAudit.configured(V1_ON, "acme.hello", Map.of("greeting", "hi"), Map.of("greeting", "hey"));
        assertTarget(EventTypes.PLUGIN_CONFIGURED, e);
        assertEquals(Map.of("pid", "acme.hello"), e.details());
        assertEquals(Map.of("greeting", "hi"), e.before());
        assertEquals(Map.of("greeting", "hey"), e.after());
    }

    private static void assertTarget(String type, AuditEntry e) {
        assertEquals(type, e.action());
        assertEquals("every plugin type is in the catalogue", type, EventCatalogue.find(type).orElseThrow().name());
        assertEquals("plugin", e.targetType());
        assertEquals("hello", e.targetId());
        assertEquals("Hello", e.targetName());
    }
}
