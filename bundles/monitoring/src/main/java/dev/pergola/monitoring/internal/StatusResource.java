package dev.pergola.monitoring.internal;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.persistence.Database;
import dev.pergola.api.platform.Installation;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.monitoring.internal.system.PluginCounts;
import dev.pergola.monitoring.internal.system.SystemInfo;

/** {@code GET /api/v1/status}: version, installation, database, storage, plugin counts and uptime. */
@Component(service = StatusResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/status")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin.monitoring.view")
public class StatusResource {
    private final BundleContext context;
    private final Database database;
    private final Installation installation;

    @Activate
    public StatusResource(BundleContext context, @Reference Database database, @Reference Installation installation) {
        this.context = context;
        this.database = database;
        this.installation = installation;
    }

    @GET
    public ApiResponse<Map<String, Object>> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("version", context.getBundle().getHeaders("").get("Pergola-Version"));
        status.put("karaf_version", String.valueOf(context.getProperty("karaf.version")));
        status.put("java_version", System.getProperty("java.version"));
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        status.put("started_at", started.toString());
        status.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
        status.put("installation", Map.of("id", installation.id(), "created_at", installation.createdAt().toString()));
        status.put("database", Map.of("type", database.type(), "product", database.product()));
        status.put("storage", storage());
        status.put("plugins", plugins());
        return ApiResponse.of(status);
    }

    private Map<String, Object> storage() {
        File data = new File(String.valueOf(context.getProperty("karaf.data")));
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("data_dir", data.getAbsolutePath());
        storage.put("free_bytes", data.getUsableSpace());
        storage.put("total_bytes", data.getTotalSpace());
        return storage;
    }

    private Map<String, Object> plugins() {
        SystemInfo.Plugins counts = PluginCounts.of(context.getBundles());
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("installed", counts.installed());
        map.put("active", counts.active());
        map.put("inactive", counts.inactive());
        return map;
    }
}
