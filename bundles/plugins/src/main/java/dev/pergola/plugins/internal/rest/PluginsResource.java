package dev.pergola.plugins.internal.rest;

import dev.pergola.api.errors.PergolaException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.plugins.InstallOptions;
import dev.pergola.api.plugins.PluginInfo;
import dev.pergola.api.plugins.Plugins;
import dev.pergola.api.plugins.UpdateResult;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.MaxBodySize;
import dev.pergola.api.rest.PageMeta;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.plugins.internal.artifact.ArtifactStore;
import dev.pergola.plugins.internal.service.PluginService;

/**
 * {@code /api/v1/plugins}. Uploads are a multipart form (field {@code plugin_file}), a raw jar body, or JSON
 * {@code {"url": "mvn:…"}}; they stream to a file under {@code data/plugins/incoming}, limited by
 * {@code upload.max.bytes} of {@code dev.pergola.plugins}.
 */
@Component(service = PluginsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginsResource {
    static final String VIEW = "admin.plugins.view";
    static final String MANAGE = "admin.plugins.manage";
    /** Ceiling for the platform's body filter; the configured upload limit applies while streaming. */
    private static final long UPLOAD_CEILING = 1L << 31;
    private static final String JAR = "application/java-archive";

    private final Plugins plugins;
    private final PluginService service;

    public static final class UrlRequest {
        public String url;
    }

    public static final class ConfigRequest {
        public String pid;
        public Map<String, Object> values;
    }

    @Activate
    public PluginsResource(@Reference Plugins plugins, @Reference PluginService service) {
        this.plugins = plugins;
        this.service = service;
    }

    @GET
    @RolesAllowed(VIEW)
    public ApiResponse<List<Map<String, Object>>> list(@QueryParam("state") String state,
            @QueryParam("search") String search, @QueryParam("page") @DefaultValue("1") int page,
            @QueryParam("per_page") @DefaultValue("20") int perPage) {
        if (page < 1 || perPage < 1 || perPage > 100) {
            String field = page < 1 ? "page" : "per_page";
            String message = page < 1 ? "page must be 1 or more." : "per_page must be 1 to 100.";
            throw new PergolaException("VALIDATION_ERROR", message, Map.of(field, List.of(message)), Map.of());
        }
        String needle = search == null ? null : search.toLowerCase(Locale.ROOT);
        List<PluginInfo> matching = plugins.list().stream()
                .filter(p -> state == null || p.state().apiName().equals(state))
                .filter(p -> needle == null || p.slug().contains(needle)
                        || (p.name() != null && p.name().toLowerCase(Locale.ROOT).contains(needle))
                        || (p.description() != null && p.description().toLowerCase(Locale.ROOT).contains(needle)))
                .toList();
        List<Map<String, Object>> pageItems = matching.stream().skip((long) (page - 1) * perPage).limit(perPage)
                .map(PluginJson::of).toList();
        return ApiResponse.list(pageItems, new PageMeta(page, perPage, matching.size()));
    }

    @POST
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_OCTET_STREAM, JAR, "application/zip"})
    @RolesAllowed(MANAGE)
    @MaxBodySize(UPLOAD_CEILING)
    public Response upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, java.io.InputStream body,
            @QueryParam("enable") boolean enable, @Context SecurityContext security) {
        java.nio.file.Path file = receive(contentType, body);
        try {
            return created(plugins.install(file, new InstallOptions(enable, false, actor(security))));
        } finally {
            ArtifactStore.deleteQuietly(file);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public Response installFromUrl(UrlRequest request, @QueryParam("enable") boolean enable,
            @Context SecurityContext security) {
        return created(plugins.install(request == null ? null : request.url,
                new InstallOptions(enable, false, actor(security))));
    }

    @POST
    @Path("discover")
    @RolesAllowed(MANAGE)
    public ApiResponse<List<Map<String, Object>>> discover(@Context SecurityContext security) {
        return ApiResponse.of(plugins.discover(actor(security)).stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", r.file());
            m.put("outcome", r.outcome());
            m.put("slug", r.slug());
            m.put("message", r.message());
            return m;
        }).toList());
    }

    @POST
    @Path("reconcile")
    @RolesAllowed(MANAGE)
    public ApiResponse<Map<String, Object>> reconcile() {
        return ApiResponse.of(Map.of("changes", plugins.reconcile()));
    }

    @GET
    @Path("{slug}")
    @RolesAllowed(VIEW)
    public ApiResponse<Map<String, Object>> get(@PathParam("slug") String slug) {
        Map<String, Object> details = new LinkedHashMap<>(plugins.details(slug));
        details.put("plugin", PluginJson.of((PluginInfo) details.get("plugin")));
        return ApiResponse.of(details);
    }

    @POST
    @Path("{slug}/enable")
    @RolesAllowed(MANAGE)
    public ApiResponse<Map<String, Object>> enable(@PathParam("slug") String slug, @QueryParam("cascade") boolean cascade,
            @Context SecurityContext security) {
        return ApiResponse.of(PluginJson.of(plugins.enable(slug, cascade, actor(security))));
    }

    @POST
    @Path("{slug}/disable")
    @RolesAllowed(MANAGE)
    public ApiResponse<Map<String, Object>> disable(@PathParam("slug") String slug, @QueryParam("cascade") boolean cascade,
            @Context SecurityContext security) {
        return ApiResponse.of(PluginJson.of(plugins.disable(slug, cascade, actor(security))));
    }

    @POST
    @Path("{slug}/update")
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_OCTET_STREAM, JAR, "application/zip"})
    @RolesAllowed(MANAGE)
    @MaxBodySize(UPLOAD_CEILING)
    public ApiResponse<Map<String, Object>> update(@PathParam("slug") String slug,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, java.io.InputStream body,
            @QueryParam("force") boolean force, @Context SecurityContext security) {
        plugins.get(slug); // 404 before reading a large body for nothing
        java.nio.file.Path file = receive(contentType, body);
        try {
            return ApiResponse.of(updated(plugins.update(slug, file, new InstallOptions(false, force, actor(security)))));
        } finally {
            ArtifactStore.deleteQuietly(file);
        }
    }

    @POST
    @Path("{slug}/update")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public ApiResponse<Map<String, Object>> updateFromUrl(@PathParam("slug") String slug, UrlRequest request,
            @QueryParam("force") boolean force, @Context SecurityContext security) {
        return ApiResponse.of(updated(plugins.update(slug, request == null ? null : request.url,
                new InstallOptions(false, force, actor(security)))));
    }

    @GET
    @Path("{slug}/config")
    @RolesAllowed(VIEW)
    public ApiResponse<List<Map<String, Object>>> config(@PathParam("slug") String slug) {
        return ApiResponse.of(plugins.configuration(slug));
    }

    @PUT
    @Path("{slug}/config")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public ApiResponse<Map<String, Object>> configure(@PathParam("slug") String slug, ConfigRequest request,
            @Context SecurityContext security) {
        if (request == null || request.pid == null || request.values == null) {
            String field = request == null || request.pid == null ? "pid" : "values";
            String message = "The body needs \"pid\" and \"values\" (an object of settings).";
            throw new PergolaException("VALIDATION_ERROR", message, Map.of(field, List.of(message)), Map.of());
        }
        return ApiResponse.of(plugins.configure(slug, request.pid, request.values, actor(security)));
    }

    @DELETE
    @Path("{slug}")
    @RolesAllowed(MANAGE)
    public Response uninstall(@PathParam("slug") String slug, @QueryParam("purge") boolean purge,
            @QueryParam("cascade") boolean cascade, @Context SecurityContext security) {
        plugins.uninstall(slug, purge, cascade, actor(security));
        return Response.noContent().build();
    }

    private java.nio.file.Path receive(String contentType, java.io.InputStream body) {
        java.nio.file.Path file = service.newIncomingFile();
        try {
            UploadReader.read(contentType, body, file, service.uploadLimit());
            return file;
        } catch (RuntimeException e) {
            ArtifactStore.deleteQuietly(file);
            throw e;
        }
    }

    private static Response created(PluginInfo plugin) {
        return Response.status(Response.Status.CREATED).entity(ApiResponse.of(PluginJson.of(plugin))).build();
    }

    private static Map<String, Object> updated(UpdateResult result) {
        Map<String, Object> m = new LinkedHashMap<>(PluginJson.of(result.plugin()));
        m.put("old_version", result.oldVersion());
        m.put("new_version", result.newVersion());
        return m;
    }

    private static String actor(SecurityContext security) {
        return security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    }
}
