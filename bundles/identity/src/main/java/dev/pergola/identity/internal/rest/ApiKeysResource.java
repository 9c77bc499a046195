package dev.pergola.identity.internal.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.rest.ApiException;
import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListParameters;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.identity.internal.apikey.ApiKeys;
import dev.pergola.identity.internal.rbac.Actors;
import dev.pergola.identity.internal.apikey.ApiKeyDto;

/**
 * {@code /api/v1/auth/api-keys}: the caller's own API keys. The secret appears once, in the 201. Keys are
 * managed from a login session, never with another API key.
 */
@Component(service = ApiKeysResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/auth/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("**")
@NotForApiKeys
public class ApiKeysResource {
    static final ListSpec LIST = ListSpec.builder()
            .field("id", "id", FieldType.UUID).filterable()
            .field("name", "name", FieldType.STRING).sortable().filterable().searchable()
            .field("created_at", "createdAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("expires_at", "expiresAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("last_used_at", "lastUsedAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("revoked_at", "revokedAt", FieldType.TIMESTAMP).sortable().filterable()
            .defaultSort("-created_at")
            .build();

    private final ApiKeys keys;
    private final Actors actors;
    private final ListQueryParser parser;

    /**
     * A key in this API: its shown prefix; the secret ({@code key}) only in the answer to its creation, absent
     * everywhere else. Other empty members are written as null.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record KeyView(String id, String name, String prefix, List<String> scopes, Instant createdAt, Instant expiresAt,
            Instant lastUsedAt, Instant revokedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String key) {
        static KeyView of(ApiKeyDto k) {
            return new KeyView(k.id(), k.name(), k.prefix(), k.scopes(), Timestamps.millis(k.createdAt()),
                    Timestamps.millis(k.expiresAt()), Timestamps.millis(k.lastUsedAt()),
                    Timestamps.millis(k.revokedAt()), null);
        }

        KeyView withSecret(String secret) {
            return new KeyView(id, name, prefix, scopes, createdAt, expiresAt, lastUsedAt, revokedAt, secret);
        }
    }

    public static final class CreateKey {
        public String name;
        public List<String> scopes;
        public String expiresAt;
    }

    @Activate
    public ApiKeysResource(@Reference ApiKeys keys, @Reference Actors actors, @Reference ListQueryParser parser) {
        this.keys = keys;
        this.actors = actors;
        this.parser = parser;
    }

    @GET
    @ListParameters
    public ApiResponse<List<KeyView>> list(@Context UriInfo uri, @Context SecurityContext security) {
        ListQuery query = parser.parse(uri.getQueryParameters(), LIST);
        PageResult<KeyView> page = keys.list(caller(security), query).map(KeyView::of);
        return ApiResponse.list(page, query);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateKey body, @Context SecurityContext security) {
        CreateKey b = body == null ? new CreateKey() : body;
        Instant expires = null;
        if (b.expiresAt != null) {
            try {
                expires = Instant.parse(b.expiresAt);
            } catch (DateTimeParseException e) {
                throw ApiException.validation("expires_at", "must be an ISO-8601 instant, e.g. 2027-01-31T00:00:00Z");
            }
        }
        ApiKeys.Created created = keys.create(actors.of((PergolaPrincipal) security.getUserPrincipal()), caller(security),
                b.name, b.scopes, expires);
        return Response.status(201).entity(ApiResponse.of(KeyView.of(created.key()).withSecret(created.secret()))).build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id, @Context SecurityContext security) {
        keys.revoke(caller(security), id);
        return Response.noContent().build();
    }

    private static String caller(SecurityContext security) {
        return ((PergolaPrincipal) security.getUserPrincipal()).userId();
    }
}
