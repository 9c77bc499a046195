package dev.pergola.api.plugins;

import java.util.List;
import java.util.Map;

/**
 * One configuration (PID) a plugin describes with Metatype: its attribute definitions and the values stored
 * now, keyed by attribute id (passwords shown as {@code ********}, unset attributes as {@code null}).
 */
public record PluginConfiguration(String pid, String name, String description, List<Attribute> attributes,
        Map<String, Object> values) {

    /**
     * One attribute definition. {@code type} is the Metatype type in lower case ({@code string}, {@code integer},
     * {@code boolean}, {@code password}, …); {@code cardinality} 0 is a single value, otherwise the bound of a
     * list; {@code defaultValue} and {@code options} are null when the definition has none.
     */
    public record Attribute(String id, String name, String description, String type, int cardinality,
            List<String> defaultValue, List<String> options) {
    }

    public PluginConfiguration {
        attributes = List.copyOf(attributes);
    }
}
