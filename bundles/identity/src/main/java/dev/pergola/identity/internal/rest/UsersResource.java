package dev.pergola.identity.internal.rest;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
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
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListParameters;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.identity.internal.account.AccountMails;
import dev.pergola.identity.internal.account.Accounts;
import dev.pergola.identity.internal.account.UserDirectory;
import dev.pergola.identity.internal.rbac.Actor;
import dev.pergola.identity.internal.rbac.Actors;
import dev.pergola.identity.internal.account.UserDto;

/**
 * {@code /api/v1/users}: the account administration of seeds 000/001/003/004. What a caller may grant or edit
 * is decided by the grantor rule in {@link UserDirectory}, the same for the shell.
 */
@Component(service = UsersResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin.users.manage")
public class UsersResource {
    static final ListSpec LIST = ListSpec.builder()
            .field("id", "id", FieldType.UUID).filterable()
            .field("username", "username", FieldType.STRING).sortable().filterable().searchable()
            .field("email", "email", FieldType.STRING).sortable().filterable().searchable()
            .field("first_name", "firstName", FieldType.STRING).sortable().filterable().searchable()
            .field("last_name", "lastName", FieldType.STRING).sortable().filterable().searchable()
            .field("status", "status", FieldType.STRING).sortable().filterable()
            .field("role", "roles.name", FieldType.STRING).filterable()
            .field("locale", "locale", FieldType.STRING).filterable()
            .field("timezone", "timezone", FieldType.STRING).filterable()
            .field("created_at", "createdAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("updated_at", "updatedAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("last_login_at", "lastLoginAt", FieldType.TIMESTAMP).sortable().filterable()
            .defaultSort("-created_at")
            .build();

    private final UserDirectory users;
    private final Accounts accounts;
    private final ListQueryParser parser;
    private final Actors actors;
    private final AccountMails mails;

    public static final class CreateUser {
        public String username;
        public String email;
        public String password;
        public String firstName;
        public String lastName;
        public String phone;
        public String bio;
        public String locale;
        public String timezone;
        public List<String> roles;
        /** The welcome mail goes unless this is false (opt-out; see docs/email-templates.md). */
        public Boolean sendWelcome;
    }

    public static final class UpdateUser {
        public String email;
        public String firstName;
        public String lastName;
        public String phone;
        public String bio;
        public String locale;
        public String timezone;
    }

    @Activate
    public UsersResource(@Reference UserDirectory users, @Reference Accounts accounts, @Reference ListQueryParser parser,
            @Reference Actors actors, @Reference AccountMails mails) {
        this.actors = actors;
        this.mails = mails;
        this.users = users;
        this.accounts = accounts;
        this.parser = parser;
    }

    /** {@code ?deleted=true} lists soft-deleted accounts (to restore them). */
    @GET
    @RolesAllowed("admin.users.view")
    @ListParameters
    public ApiResponse<List<ManagedUserView>> list(@Context UriInfo uri) {
        ListQuery query = parser.parse(uri.getQueryParameters(), LIST);
        boolean deleted = "true".equals(uri.getQueryParameters().getFirst("deleted"));
        PageResult<ManagedUserView> page = users.list(query, deleted).map(this::view);
        return ApiResponse.list(page, query);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateUser body, @Context SecurityContext security, @Context HttpServletRequest http) {
        CreateUser b = body == null ? new CreateUser() : body;
        Actor actor = actor(security);
        UserDto created = users.create(actor, b.username, b.email, b.password, new UserDirectory.Changes(null, b.firstName,
                b.lastName, b.phone, b.bio, b.locale, b.timezone), b.roles);
        if (!Boolean.FALSE.equals(b.sendWelcome)) {
            mails.welcome(created, actor.name(), RequestLocale.of(http));
        }
        return Response.status(201).entity(ApiResponse.of(view(created))).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed("admin.users.view")
    public ApiResponse<ManagedUserView> get(@PathParam("id") String id) {
        return ApiResponse.of(view(users.get(id)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApiResponse<ManagedUserView> update(@PathParam("id") String id, UpdateUser b,
            @Context SecurityContext security) {
        return ApiResponse.of(view(users.update(actor(security), id, changes(b))));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApiResponse<ManagedUserView> patch(@PathParam("id") String id, UpdateUser b,
            @Context SecurityContext security) {
        return update(id, b, security);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @Context SecurityContext security) {
        users.delete(actor(security), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/restore")
    public ApiResponse<ManagedUserView> restore(@PathParam("id") String id, @Context SecurityContext security) {
        return ApiResponse.of(view(users.restore(actor(security), id)));
    }

    @POST
    @Path("{id}/activate")
    public ApiResponse<ManagedUserView> activate(@PathParam("id") String id, @Context SecurityContext security) {
        return ApiResponse.of(view(users.setActive(actor(security), id, true)));
    }

    @POST
    @Path("{id}/deactivate")
    public ApiResponse<ManagedUserView> deactivate(@PathParam("id") String id, @Context SecurityContext security) {
        return ApiResponse.of(view(users.setActive(actor(security), id, false)));
    }

    @POST
    @Path("{id}/roles/{roleId}")
    public ApiResponse<ManagedUserView> assignRole(@PathParam("id") String id, @PathParam("roleId") String roleId,
            @Context SecurityContext security) {
        return ApiResponse.of(view(users.assignRole(actor(security), id, roleId)));
    }

    @DELETE
    @Path("{id}/roles/{roleId}")
    public ApiResponse<ManagedUserView> removeRole(@PathParam("id") String id, @PathParam("roleId") String roleId,
            @Context SecurityContext security) {
        return ApiResponse.of(view(users.removeRole(actor(security), id, roleId)));
    }

    private ManagedUserView view(UserDto u) {
        return ManagedUserView.of(u, accounts.roleNames(u));
    }

    private static UserDirectory.Changes changes(UpdateUser b) {
        UpdateUser u = b == null ? new UpdateUser() : b;
        return new UserDirectory.Changes(u.email, u.firstName, u.lastName, u.phone, u.bio, u.locale, u.timezone);
    }

    private Actor actor(SecurityContext security) {
        return actors.of((PergolaPrincipal) security.getUserPrincipal());
    }
}
