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

    public Map<String, Object> details(PluginInfo plugin, Bundle bundle) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("plugin", plugin);
        if (bundle == null) {
            d.put("bundle", null);
            return d;
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", bundle.getBundleId());
        b.put("state", bundleState(bundle.getState()));
        b.put("location", bundle.getLocation());
        d.put("bundle", b);
        d.put("bundles", bundles.members(bundle).stream().map(m -> Map.<String, Object>of("id", m.getBundleId(),
                "symbolic_name", m.getSymbolicName(), "version", m.getVersion().toString(),
                "state", bundleState(m.getState()))).toList());
        d.put("headers", headers(bundle));
        d.put("permissions", permissions(bundle.getHeaders("").get("Pergola-Permissions")));
        d.put("components", bundles.components(bundle));
        d.put("services", services(bundle));
        d.put("rest_endpoints", endpoints(bundle));
        d.put("requirements", bundles.requirements(bundle).stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("namespace", r.namespace());
            m.put("filter", r.filter());
            m.put("met", r.met());
            m.put("provider", r.provider());
            return m;
        }).toList());
        d.put("dependants", bundles.dependants(bundle).stream().map(PluginBundles::slugOf).toList());
        d.put("refresh_restarts", bundles.refreshClosure(List.of(bundle)).stream()
                .map(x -> x.getSymbolicName() + " [" + x.getBundleId() + "]" + (PluginBundles.isPlugin(x) ? "" : " (core)"))
                .toList());
        return d;
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

    private static List<Map<String, Object>> services(Bundle bundle) {
        ServiceReference<?>[] refs = bundle.getRegisteredServices();
        if (refs == null) {
            return List.of();
        }
        return Arrays.stream(refs).map(r -> Map.<String, Object>of("id", r.getProperty(Constants.SERVICE_ID),
                "object_class", List.of((String[]) r.getProperty(Constants.OBJECTCLASS)))).toList();
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

    public List<Map<String, Object>> configuration(Bundle bundle) {
        MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
        List<Map<String, Object>> result = new ArrayList<>();
        if (info == null) {
            return result;
        }
        for (String pid : info.getPids()) {
            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("pid", pid);
            entry.put("name", ocd.getName());
            entry.put("description", ocd.getDescription());
            List<Map<String, Object>> attributes = new ArrayList<>();
            for (AttributeDefinition ad : definitions(ocd)) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("id", ad.getID());
                a.put("name", ad.getName());
                a.put("description", ad.getDescription());
                a.put("type", ConfigValues.typeName(ad.getType()));
                a.put("cardinality", ad.getCardinality());
                a.put("default", ad.getDefaultValue() == null ? null : List.of(ad.getDefaultValue()));
                if (ad.getOptionValues() != null) {
                    a.put("options", List.of(ad.getOptionValues()));
                }
                attributes.add(a);
            }
            entry.put("attributes", attributes);
            entry.put("values", current(pid, definitions(ocd)));
            result.add(entry);
        }
        return result;
    }

    public Map<String, Object> configure(Bundle bundle, String pid, Map<String, Object> values) {
        MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
        if (info == null || pid == null || !Arrays.asList(info.getPids()).contains(pid)) {
            throw PergolaException.notFound("The plugin has no configuration '" + pid + "'"
                    + (info == null ? "" : "; it has: " + String.join(", ", info.getPids())));
        }
        List<AttributeDefinition> definitions = definitions(info.getObjectClassDefinition(pid, null));
        Hashtable<String, Object> properties = ConfigValues.validate(definitions, values == null ? Map.of() : values);
        try {
            Configuration configuration = configAdmin.getConfiguration(pid, "?");
            Dictionary<String, Object> merged = configuration.getProperties() == null ? new Hashtable<>()
                    : configuration.getProperties();
            for (Map.Entry<String, Object> e : properties.entrySet()) {
                merged.put(e.getKey(), e.getValue());
            }
            configuration.update(merged);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot store configuration " + pid + ": " + e.getMessage(), e);
        }
        return Map.of("pid", pid, "values", current(pid, definitions));
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
