package dev.pergola.plugins.internal.rest;

import dev.pergola.api.errors.PergolaException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.plugins.ConfigurationUpdate;
import dev.pergola.api.plugins.DiscoveryResult;
import dev.pergola.api.plugins.InstallOptions;
import dev.pergola.api.plugins.PluginConfiguration;
import dev.pergola.api.plugins.PluginDetails;
import dev.pergola.api.plugins.PluginInfo;
import dev.pergola.api.plugins.Plugins;
import dev.pergola.api.plugins.UpdateResult;
import dev.pergola.api.query.CollectionQueryExecutor;
import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListParameters;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.MaxBodySize;
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

    /** The list-query fields of {@code GET /api/v1/plugins}; attributes are {@link PluginInfo} components. */
    static final ListSpec LIST = ListSpec.builder()
            .field("slug", "slug", FieldType.STRING).sortable().filterable().searchable()
            .field("name", "name", FieldType.STRING).sortable().filterable().searchable()
            .field("description", "description", FieldType.STRING).searchable()
            .field("version", "version", FieldType.STRING).sortable().filterable()
            .field("vendor", "vendor", FieldType.STRING).sortable().filterable()
            .field("symbolic_name", "symbolicName", FieldType.STRING).sortable().filterable()
            .field("state", "state", FieldType.STRING).sortable().filterable()
            .field("enabled", "enabled", FieldType.BOOLEAN).sortable().filterable()
            .field("last_error", "lastError", FieldType.STRING)
            .field("checksum", "checksum", FieldType.STRING).filterable()
            .field("size", "size", FieldType.LONG).sortable().filterable()
            .field("bundle_id", "bundleId", FieldType.LONG).filterable()
            .field("installed_at", "installedAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("installed_by", "installedBy", FieldType.STRING).filterable()
            .field("updated_at", "updatedAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("updated_by", "updatedBy", FieldType.STRING).filterable()
            .defaultSort("slug")
            .build();

    private final Plugins plugins;
    private final PluginService service;
    private final ListQueryParser parser;
    private final CollectionQueryExecutor lists;

    public static final class UrlRequest {
        public String url;
    }

    public static final class ConfigRequest {
        public String pid;
        public Map<String, Object> values;
    }

    /** What a reconcile changed, one line each. */
    public record Reconciled(List<String> changes) {
    }

    /** Optional: without the metrics bundle the details answer {@code "metrics": null}. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MetricValues metrics;

    @Activate
    public PluginsResource(@Reference Plugins plugins, @Reference PluginService service,
            @Reference ListQueryParser parser, @Reference CollectionQueryExecutor lists) {
        this.plugins = plugins;
        this.service = service;
        this.parser = parser;
        this.lists = lists;
    }

    /** {@code ?state=failed} (the README's filter before the list-query language) still works: it means {@code filter[state]}. */
    @GET
    @RolesAllowed(VIEW)
    @ListParameters
    public ApiResponse<List<PluginInfo>> list(@QueryParam("state") String state, @Context UriInfo uri) {
        Map<String, List<String>> params = new LinkedHashMap<>(uri.getQueryParameters());
        if (state != null) {
            params.putIfAbsent("filter[state]", List.of(state));
        }
        ListQuery query = parser.parse(params, LIST);
        return ApiResponse.list(lists.fetch(plugins.list(), query), query);
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
    public ApiResponse<List<DiscoveryResult>> discover(@Context SecurityContext security) {
        return ApiResponse.of(plugins.discover(actor(security)));
    }

    @POST
    @Path("reconcile")
    @RolesAllowed(MANAGE)
    public ApiResponse<Reconciled> reconcile() {
        return ApiResponse.of(new Reconciled(plugins.reconcile()));
    }

    @GET
    @Path("{slug}")
    @RolesAllowed(VIEW)
    public ApiResponse<PluginDetailsAnswer> get(@PathParam("slug") String slug) {
        PluginDetails details = plugins.details(slug);
        MetricValues values = metrics;
        return ApiResponse.of(PluginDetailsAnswer.of(details,
                values == null ? null : PluginRequestFigures.of(values, details.plugin().slug())));
    }

    @POST
    @Path("{slug}/enable")
    @RolesAllowed(MANAGE)
    public ApiResponse<PluginInfo> enable(@PathParam("slug") String slug, @QueryParam("cascade") boolean cascade,
            @Context SecurityContext security) {
        return ApiResponse.of((plugins.enable(slug, cascade, actor(security))));
    }

    @POST
    @Path("{slug}/disable")
    @RolesAllowed(MANAGE)
    public ApiResponse<PluginInfo> disable(@PathParam("slug") String slug, @QueryParam("cascade") boolean cascade,
            @Context SecurityContext security) {
        return ApiResponse.of((plugins.disable(slug, cascade, actor(security))));
    }

    @POST
    @Path("{slug}/update")
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_OCTET_STREAM, JAR, "application/zip"})
    @RolesAllowed(MANAGE)
    @MaxBodySize(UPLOAD_CEILING)
    public ApiResponse<UpdateResult> update(@PathParam("slug") String slug,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, java.io.InputStream body,
            @QueryParam("force") boolean force, @Context SecurityContext security) {
        plugins.get(slug); // 404 before reading a large body for nothing
        java.nio.file.Path file = receive(contentType, body);
        try {
            return ApiResponse.of(plugins.update(slug, file, new InstallOptions(false, force, actor(security))));
        } finally {
            ArtifactStore.deleteQuietly(file);
        }
    }

    @POST
    @Path("{slug}/update")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public ApiResponse<UpdateResult> updateFromUrl(@PathParam("slug") String slug, UrlRequest request,
            @QueryParam("force") boolean force, @Context SecurityContext security) {
        return ApiResponse.of(plugins.update(slug, request == null ? null : request.url,
                new InstallOptions(false, force, actor(security))));
    }

    @GET
    @Path("{slug}/config")
    @RolesAllowed(VIEW)
    public ApiResponse<List<PluginConfiguration>> config(@PathParam("slug") String slug) {
        return ApiResponse.of(plugins.configuration(slug));
    }

    @PUT
    @Path("{slug}/config")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public ApiResponse<ConfigurationUpdate> configure(@PathParam("slug") String slug, ConfigRequest request,
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
        return Response.status(Response.Status.CREATED).entity(ApiResponse.of(plugin)).build();
    }

    private static String actor(SecurityContext security) {
        return security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    }
}
