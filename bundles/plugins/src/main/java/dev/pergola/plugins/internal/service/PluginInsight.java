package dev.pergola.plugins.internal.service;

import dev.pergola.api.errors.PergolaException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceMethodInfoDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import dev.pergola.api.plugins.ConfigurationUpdate;
import dev.pergola.api.plugins.PluginConfiguration;
import dev.pergola.api.plugins.PluginDetails;
import dev.pergola.api.plugins.PluginInfo;
import dev.pergola.plugins.internal.framework.PluginBundles;

/**
 * What a plugin brings and needs, read from the framework: headers, services, REST endpoints, permissions,
 * requirements, dependants, refresh impact; and its Metatype-described configuration.
 */
@Component(service = PluginInsight.class)
public class PluginInsight {
    private final PluginBundles bundles;
    private final JaxrsServiceRuntime jaxrs;
    private final MetaTypeService metatype;
    private final ConfigurationAdmin configAdmin;

    @Activate
    public PluginInsight(@Reference PluginBundles bundles, @Reference JaxrsServiceRuntime jaxrs,
            @Reference MetaTypeService metatype, @Reference ConfigurationAdmin configAdmin) {
        this.bundles = bundles;
        this.jaxrs = jaxrs;
        this.metatype = metatype;
        this.configAdmin = configAdmin;
    }

    public PluginDetails details(PluginInfo plugin, Bundle bundle) {
        if (bundle == null) {
            return PluginDetails.withoutBundle(plugin);
        }
        return new PluginDetails(plugin,
                new PluginDetails.BundleSummary(bundle.getBundleId(), bundleState(bundle.getState()), bundle.getLocation()),
                bundles.members(bundle).stream().map(m -> new PluginDetails.MemberBundle(m.getBundleId(),
                        m.getSymbolicName(), m.getVersion().toString(), bundleState(m.getState()))).toList(),
                headers(bundle),
                permissions(bundle.getHeaders("").get("Pergola-Permissions")),
                bundles.components(bundle).stream().map(c -> new PluginDetails.ComponentSummary(
                        (String) c.get("name"), (String) c.get("state"), (String) c.get("failure"))).toList(),
                services(bundle),
                endpoints(bundle),
                bundles.requirements(bundle).stream().map(r -> new PluginDetails.Requirement(r.namespace(), r.filter(),
                        r.met(), r.provider())).toList(),
                bundles.dependants(bundle).stream().map(PluginBundles::slugOf).toList(),
                bundles.refreshClosure(List.of(bundle)).stream().map(x -> x.getSymbolicName() + " [" + x.getBundleId()
                        + "]" + (PluginBundles.isPlugin(x) ? "" : " (core)")).toList());
    }

    private static Map<String, String> headers(Bundle bundle) {
        Map<String, String> headers = new TreeMap<>();
        Dictionary<String, String> h = bundle.getHeaders("");
        for (Enumeration<String> keys = h.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            headers.put(key, h.get(key));
        }
        return headers;
    }

    /** Names from {@code Pergola-Permissions} (the identity bundle registers them; this is for display). */
    static List<String> permissions(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        boolean quoted = false;
        StringBuilder clause = new StringBuilder();
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                String name = clause.toString().split(";")[0].trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return names;
    }

    private static List<PluginDetails.ServiceSummary> services(Bundle bundle) {
        ServiceReference<?>[] refs = bundle.getRegisteredServices();
        if (refs == null) {
            return List.of();
        }
        return Arrays.stream(refs).map(r -> new PluginDetails.ServiceSummary((Long) r.getProperty(Constants.SERVICE_ID),
                List.of((String[]) r.getProperty(Constants.OBJECTCLASS)))).toList();
    }

    private List<String> endpoints(Bundle bundle) {
        ServiceReference<?>[] refs = bundle.getRegisteredServices();
        if (refs == null) {
            return List.of();
        }
        List<Long> ids = Arrays.stream(refs).map(r -> (Long) r.getProperty(Constants.SERVICE_ID)).toList();
        List<String> endpoints = new ArrayList<>();
        for (ApplicationDTO app : jaxrs.getRuntimeDTO().applicationDTOs) {
            for (ResourceDTO resource : app.resourceDTOs) {
                if (!ids.contains(resource.serviceId)) {
                    continue;
                }
                for (ResourceMethodInfoDTO m : resource.resourceMethods) {
                    endpoints.add(m.method + " " + ("/" + app.base + "/" + m.path).replaceAll("/+", "/"));
                }
            }
        }
        Collections.sort(endpoints);
        return endpoints;
    }

    // ---- configuration -----------------------------------------------------------------------------------------

    public List<PluginConfiguration> configuration(Bundle bundle) {
        MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
        List<PluginConfiguration> result = new ArrayList<>();
        if (info == null) {
            return result;
        }
        for (String pid : info.getPids()) {
            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            List<PluginConfiguration.Attribute> attributes = definitions(ocd).stream().map(ad ->
                    new PluginConfiguration.Attribute(ad.getID(), ad.getName(), ad.getDescription(),
                            ConfigValues.typeName(ad.getType()), ad.getCardinality(),
                            ad.getDefaultValue() == null ? null : List.of(ad.getDefaultValue()),
                            ad.getOptionValues() == null ? null : List.of(ad.getOptionValues()))).toList();
            result.add(new PluginConfiguration(pid, ocd.getName(), ocd.getDescription(), attributes,
                    current(pid, definitions(ocd))));
        }
        return result;
    }

    /**
     * Stores {@code values} (validated against the PID's Metatype) merged into the PID's configuration, then hands
     * the values as they were and as they are now (passwords masked) to {@code record}; if that fails the previous
     * configuration is put back, so no change stays without its record.
     */
    public ConfigurationUpdate configure(Bundle bundle, String pid, Map<String, Object> values,
            BiConsumer<Map<String, Object>, Map<String, Object>> record) {
        MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
        if (info == null || pid == null || !Arrays.asList(info.getPids()).contains(pid)) {
            throw PergolaException.notFound("The plugin has no configuration '" + pid + "'"
                    + (info == null ? "" : "; it has: " + String.join(", ", info.getPids())));
        }
        List<AttributeDefinition> definitions = definitions(info.getObjectClassDefinition(pid, null));
        Hashtable<String, Object> properties = ConfigValues.validate(definitions, values == null ? Map.of() : values);
        Map<String, Object> before = current(pid, definitions);
        Configuration configuration;
        Dictionary<String, Object> previous;
        try {
            configuration = configAdmin.getConfiguration(pid, "?");
            previous = configuration.getProperties(); // a private copy, or null when the PID had none
            Dictionary<String, Object> merged = previous == null ? new Hashtable<>() : configuration.getProperties();
            for (Map.Entry<String, Object> e : properties.entrySet()) {
                merged.put(e.getKey(), e.getValue());
            }
            configuration.update(merged);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot store configuration " + pid + ": " + e.getMessage(), e);
        }
        Map<String, Object> after = current(pid, definitions);
        try {
            record.accept(before, after);
        } catch (RuntimeException e) {
            try {
                restore(configuration, previous);
            } catch (IllegalStateException notRestored) {
                e.addSuppressed(notRestored);
            }
            throw e;
        }
        return new ConfigurationUpdate(pid, after);
    }

    private static void restore(Configuration configuration, Dictionary<String, Object> previous) {
        try {
            if (previous == null) {
                configuration.delete();
            } else {
                configuration.update(previous);
            }
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("Cannot put back configuration " + configuration.getPid()
                    + " after its audit record failed: " + e.getMessage(), e);
        }
    }

    /** Deletes the configurations of the plugin's Metatype PIDs (uninstall with purge). */
    public void purgeConfiguration(Bundle bundle) {
        MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
        if (info == null) {
            return;
        }
        try {
            for (String pid : info.getPids()) {
                Configuration[] found = configAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=" + pid + ")");
                if (found != null) {
                    for (Configuration c : found) {
                        c.delete();
                    }
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("Cannot purge the configuration of " + bundle.getSymbolicName() + ": "
                    + e.getMessage(), e);
        }
    }

    private Map<String, Object> current(String pid, List<AttributeDefinition> definitions) {
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            Configuration[] found = configAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=" + pid + ")");
            Dictionary<String, Object> props = found == null || found.length == 0 ? null : found[0].getProperties();
            for (AttributeDefinition ad : definitions) {
                Object value = props == null ? null : props.get(ad.getID());
                values.put(ad.getID(), ad.getType() == AttributeDefinition.PASSWORD && value != null ? "********"
                        : ConfigValues.toJson(value));
            }
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("Cannot read configuration " + pid + ": " + e.getMessage(), e);
        }
        return values;
    }

    private static List<AttributeDefinition> definitions(ObjectClassDefinition ocd) {
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        return all == null ? List.of() : List.of(all);
    }

    private static String bundleState(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.ACTIVE -> "active";
            default -> "uninstalled";
        };
    }
}
