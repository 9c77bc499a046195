package dev.pergola.tasks.internal.rest;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
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
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.tasks.internal.NewTask;
import dev.pergola.tasks.internal.RunDto;
import dev.pergola.tasks.internal.TaskChange;
import dev.pergola.tasks.internal.TaskDto;
import dev.pergola.tasks.internal.service.Tasks;

/** {@code /api/v1/tasks}: thin over {@link Tasks}; permissions {@code admin.tasks.view|manage}. */
@Component(service = TasksResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TasksResource {
    static final String VIEW = "admin.tasks.view";
    static final String MANAGE = "admin.tasks.manage";
    /** Runs a task keeps at most (history.size); the runs list pages over them. */
    static final int RUNS_READ = 1000;
    static final ListSpec LIST = ListSpec.builder()
            .field("id", "id", FieldType.STRING).sortable().filterable().searchable()
            .field("job_id", "jobId", FieldType.STRING).sortable().filterable()
            .field("name", "name", FieldType.STRING).sortable().filterable().searchable()
            .field("bundle", "bundle", FieldType.STRING).sortable().filterable()
            .field("added", "added", FieldType.BOOLEAN).sortable().filterable()
            .field("available", "available", FieldType.BOOLEAN).sortable().filterable()
            .field("paused", "paused", FieldType.BOOLEAN).sortable().filterable()
            .field("running", "running", FieldType.BOOLEAN).sortable().filterable()
            .field("last_outcome", "lastOutcome", FieldType.STRING).sortable().filterable()
            .field("next_run_at", "nextRunAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("last_run_at", "lastRunAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("run_count", "runCount", FieldType.LONG).sortable().filterable()
            .field("failure_count", "failureCount", FieldType.LONG).sortable().filterable()
            .defaultSort("id").build();
    static final ListSpec RUNS = ListSpec.builder()
            .field("status", "status", FieldType.STRING).sortable().filterable()
            .field("trigger", "trigger", FieldType.STRING).sortable().filterable()
            .field("node", "node", FieldType.STRING).sortable().filterable()
            .field("queued_at", "queuedAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("started_at", "startedAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("duration_ms", "durationMs", FieldType.LONG).sortable().filterable()
            .field("error", "error", FieldType.STRING).searchable()
            .defaultSort("-queued_at").build();

    private final Tasks tasks;
    private final ListQueryParser parser;
    private final CollectionQueryExecutor lists;

    @Activate
    public TasksResource(@Reference Tasks tasks, @Reference ListQueryParser parser,
            @Reference CollectionQueryExecutor lists) {
        this.tasks = tasks;
        this.parser = parser;
        this.lists = lists;
    }

    @GET
    @RolesAllowed(VIEW)
    @ListParameters
    public ApiResponse<List<TaskDto>> list(@Context UriInfo uri) {
        ListQuery query = parser.parse(uri.getQueryParameters(), LIST);
        return ApiResponse.list(lists.fetch(tasks.list(), query), query);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public Response create(NewTask body) {
        return Response.status(Response.Status.CREATED).entity(ApiResponse.of(tasks.create(body))).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(VIEW)
    public ApiResponse<TaskDto> get(@PathParam("id") String id) {
        return ApiResponse.of(tasks.get(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public ApiResponse<TaskDto> put(@PathParam("id") String id, TaskChange body) {
        return ApiResponse.of(tasks.update(id, body));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public ApiResponse<TaskDto> patch(@PathParam("id") String id, TaskChange body) {
        return ApiResponse.of(tasks.update(id, body));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(MANAGE)
    public Response delete(@PathParam("id") String id) {
        tasks.delete(id);
        return Response.noContent().build();
    }

    /** 202 with the queued run; poll {@code {id}/runs} for its outcome. */
    @POST
    @Path("{id}/run")
    @RolesAllowed(MANAGE)
    public Response run(@PathParam("id") String id) {
        return Response.status(Response.Status.ACCEPTED).entity(ApiResponse.of(tasks.run(id))).build();
    }

    @POST
    @Path("{id}/pause")
    @RolesAllowed(MANAGE)
    public ApiResponse<TaskDto> pause(@PathParam("id") String id) {
        return ApiResponse.of(tasks.pause(id));
    }

    @POST
    @Path("{id}/resume")
    @RolesAllowed(MANAGE)
    public ApiResponse<TaskDto> resume(@PathParam("id") String id) {
        return ApiResponse.of(tasks.resume(id));
    }

    @GET
    @Path("{id}/runs")
    @RolesAllowed(VIEW)
    @ListParameters("RUNS")
    public ApiResponse<List<RunDto>> runs(@PathParam("id") String id, @Context UriInfo uri) {
        ListQuery query = parser.parse(uri.getQueryParameters(), RUNS);
        return ApiResponse.list(lists.fetch(tasks.runs(id, RUNS_READ), query), query);
    }
}
