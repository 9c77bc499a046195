package dev.pergola.backup.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
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

import dev.pergola.api.query.CollectionQueryExecutor;
import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListParameters;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.MaxBodySize;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.backup.internal.BackupDto;
import dev.pergola.backup.internal.BackupSchedule;
import dev.pergola.backup.internal.NewBackup;
import dev.pergola.backup.internal.PassphraseBody;
import dev.pergola.backup.internal.RestoreReport;
import dev.pergola.backup.internal.VerifyReport;
import dev.pergola.backup.internal.service.Backups;
import dev.pergola.backup.internal.store.BackupNames.Kind;

/** {@code /api/v1/backups}: thin over {@link Backups}; {@code admin.backup.view} to read, {@code .manage} to act. */
@Component(service = BackupsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@javax.ws.rs.Path("v1/backups")
@Produces(MediaType.APPLICATION_JSON)
public class BackupsResource {
    static final String VIEW = "admin.backup.view";
    static final String MANAGE = "admin.backup.manage";
    /** Largest import body; the configured limit (import.max.mb) applies below it. */
    static final long IMPORT_CEILING = 64L * 1024 * 1024 * 1024;
    static final ListSpec LIST = ListSpec.builder()
            .field("filename", "filename", FieldType.STRING).sortable().filterable().searchable()
            .field("status", "status", FieldType.STRING).sortable().filterable()
            .field("kind", "kind", FieldType.STRING).sortable().filterable()
            .field("encrypted", "encrypted", FieldType.BOOLEAN).sortable().filterable()
            .field("size", "size", FieldType.LONG).sortable().filterable()
            .field("created_at", "createdAt", FieldType.TIMESTAMP).sortable().filterable()
            .defaultSort("-created_at").build();

    private final Backups backups;
    private final ListQueryParser parser;
    private final CollectionQueryExecutor lists;

    @Activate
    public BackupsResource(@Reference Backups backups, @Reference ListQueryParser parser,
            @Reference CollectionQueryExecutor lists) {
        this.backups = backups;
        this.parser = parser;
        this.lists = lists;
    }

    @GET
    @RolesAllowed(VIEW)
    @ListParameters
    public ApiResponse<List<BackupDto>> list(@Context UriInfo uri) {
        ListQuery query = parser.parse(uri.getQueryParameters(), LIST);
        return ApiResponse.list(lists.fetch(backups.list(), query), query);
    }

    /** 201 with the backup when it is done within the quick wait, else 202 with its progress (poll {@code {name}}). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public Response create(NewBackup body) {
        Backups.Started started = backups.create(body, Kind.MANUAL);
        try {
            BackupDto done = started.done().get(backups.config().quick_wait_ms(), TimeUnit.MILLISECONDS);
            return Response.status(Response.Status.CREATED).entity(ApiResponse.of(done)).build();
        } catch (TimeoutException e) {
            return Response.status(Response.Status.ACCEPTED).entity(ApiResponse.of(backups.get(started.filename())))
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.status(Response.Status.ACCEPTED).entity(ApiResponse.of(backups.get(started.filename())))
                    .build();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @GET
    @javax.ws.rs.Path("schedule")
    @RolesAllowed(VIEW)
    public ApiResponse<BackupSchedule> schedule() {
        return ApiResponse.of(backups.schedule());
    }

    @PUT
    @javax.ws.rs.Path("schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public ApiResponse<BackupSchedule> schedule(BackupSchedule change) {
        return ApiResponse.of(backups.schedule(change));
    }

    /**
     * The body is the backup file itself; it is stored under a generated name. Any content type reaches the method
     * (so a caller without the permission is told so first, not 415); only a backup's are accepted.
     */
    @POST
    @javax.ws.rs.Path("import")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(MANAGE)
    @MaxBodySize(IMPORT_CEILING)
    public Response importBackup(@javax.ws.rs.HeaderParam(javax.ws.rs.core.HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!type.equals(MediaType.APPLICATION_OCTET_STREAM) && !type.equals("application/zip")) {
            throw new dev.pergola.api.rest.ApiException(dev.pergola.api.rest.ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send the backup file as application/octet-stream (or application/zip)");
        }
        return Response.status(Response.Status.CREATED).entity(ApiResponse.of(backups.importFrom(body))).build();
    }

    @GET
    @javax.ws.rs.Path("{name}")
    @RolesAllowed(VIEW)
    public ApiResponse<BackupDto> get(@PathParam("name") String name) {
        return ApiResponse.of(backups.get(name));
    }

    @DELETE
    @javax.ws.rs.Path("{name}")
    @RolesAllowed(MANAGE)
    public Response delete(@PathParam("name") String name) {
        backups.delete(name);
        return Response.noContent().build();
    }

    @POST
    @javax.ws.rs.Path("{name}/verify")
    @RolesAllowed(MANAGE)
    public ApiResponse<VerifyReport> verify(@PathParam("name") String name, PassphraseBody body) {
        return ApiResponse.of(backups.verify(name, body == null ? null : body.chars()));
    }

    @POST
    @javax.ws.rs.Path("{name}/restore")
    @RolesAllowed(MANAGE)
    public ApiResponse<RestoreReport> restore(@PathParam("name") String name, PassphraseBody body) {
        return ApiResponse.of(backups.restore(name, body == null ? null : body.chars()));
    }

    /** The file, whole (200) or one byte range (206); {@code Accept-Ranges: bytes}. */
    @GET
    @javax.ws.rs.Path("{name}/download")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @RolesAllowed(VIEW)
    public Response download(@PathParam("name") String name, @HeaderParam("Range") String range) throws IOException {
        java.nio.file.Path file = backups.file(name);
        long size = Files.size(file);
        Optional<ByteRange> part;
        try {
            part = ByteRange.parse(range, size);
        } catch (IllegalArgumentException e) {
            return Response.status(416).header("Content-Range", "bytes */" + size).build();
        }
        long first = part.map(ByteRange::first).orElse(0L);
        long length = part.map(ByteRange::length).orElse(size);
        StreamingOutput body = out -> copy(file, first, length, out);
        Response.ResponseBuilder response = Response.status(part.isPresent() ? 206 : 200).entity(body)
                .type(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        part.ifPresent(p -> response.header("Content-Range", p.contentRange(size)));
        return response.build();
    }

    private static void copy(java.nio.file.Path file, long first, long length, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(first);
            InputStream in = Channels.newInputStream(channel);
            byte[] buffer = new byte[1 << 16];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
