package dev.pergola.audit.internal.rest;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.identity.Permissions;
import dev.pergola.api.query.ListParameters;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.audit.internal.export.AuditExports;
import dev.pergola.audit.internal.export.ExportFormat;
import dev.pergola.audit.internal.query.AuditQuery;
import dev.pergola.audit.internal.query.AuditRecordView;
import dev.pergola.audit.internal.query.AuditRecords;
import dev.pergola.audit.internal.query.VerifyReport;

/**
 * {@code /api/v1/audit}: the list (platform list language; {@code filter[action]=user.*} for a family of actions),
 * one record with its diff, the streamed export and chain verification.
 */
@Component(service = AuditResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    static final String VIEW = "admin.audit.view";
    /** The list's field rules, named by {@code @ListParameters}. */
    static final ListSpec LIST = AuditRecords.LIST;

    private final AuditRecords records;
    private final AuditExports exports;
    private final AuditTrail audit;
    private final ListQueryParser parser;

    @Activate
    public AuditResource(@Reference AuditRecords records, @Reference AuditExports exports, @Reference AuditTrail audit,
            @Reference ListQueryParser parser) {
        this.records = records;
        this.exports = exports;
        this.audit = audit;
        this.parser = parser;
    }

    @GET
    @RolesAllowed(VIEW)
    @ListParameters
    public ApiResponse<List<AuditRecordView>> list(@Context UriInfo uri) {
        AuditQuery q = AuditQuery.parse(parser, uri.getQueryParameters());
        return ApiResponse.list(records.list(q.query(), q.actionPrefix()), q.query());
    }

    /** {@code {"data": {"valid", "checked", "first_broken"}}}. */
    @GET
    @Path("verify")
    @RolesAllowed(VIEW)
    public ApiResponse<VerifyReport> verify() {
        return ApiResponse.of(records.verify());
    }

    /** {@code ?format=json|csv|pdf} and the list's filters, streamed page by page from the database. */
    @GET
    @Path("export")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/pdf"})
    @RolesAllowed(Permissions.AUDIT_EXPORT)
    @ListParameters
    public Response export(@QueryParam("format") String format, @Context UriInfo uri) {
        ExportFormat f = ExportFormat.of(format);
        AuditQuery q = AuditQuery.parse(parser, uri.getQueryParameters());
        AuditOrigin origin = audit.origin(); // the stream is written after the request's binding may have closed
        StreamingOutput body = out -> exports.export(q.query(), q.actionPrefix(), f, out, origin);
        return Response.ok(body, f.mediaType())
                .header("Content-Disposition", "attachment; filename=\"audit." + f.extension() + "\"").build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(VIEW)
    public ApiResponse<AuditRecordView> get(@PathParam("id") String id) {
        return ApiResponse.of(records.get(id));
    }
}
