package dev.pergola.plugins.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.Test;

import dev.pergola.api.plugins.PluginInfo;
import dev.pergola.api.query.ListSpec;

/** The plugins list spec must name what the JSON has: a renamed PluginInfo component would break filters silently. */
public class PluginsListSpecTest {
    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    @Test
    public void everyFieldIsAPluginInfoComponentUnderItsJsonName() {
        Set<String> components = Arrays.stream(PluginInfo.class.getRecordComponents()).map(c -> c.getName())
                .collect(Collectors.toSet());
        for (ListSpec.Field f : PluginsResource.LIST.fields()) {
            assertTrue(f.attribute(), components.contains(f.attribute()));
            assertEquals("the API name is the JSON name", snake(f.attribute()), f.name());
        }
        assertEquals("every component can be asked for with fields=", components.size(), PluginsResource.LIST.fields().size());
    }

    @Test
    public void searchCoversWhatTheOldSearchDid() {
        List<String> searchable = PluginsResource.LIST.fields().stream().filter(ListSpec.Field::searchable)
                .map(ListSpec.Field::name).toList();
        assertEquals(List.of("slug", "name", "description"), searchable);
    }
}
