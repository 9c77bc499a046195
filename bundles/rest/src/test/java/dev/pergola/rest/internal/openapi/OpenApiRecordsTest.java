package dev.pergola.rest.internal.openapi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.UriInfo;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.api.plugins.PluginState;
import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListParameters;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.rest.ApiResponse;

/** Response bodies from typed returns (records, the envelope, lists) and list parameters from a ListSpec. */
public class OpenApiRecordsTest {
    public record Address(String streetName, String city) {
    }

    public record Member(UUID id, String firstName, Instant createdAt, PluginState state, Optional<String> nickname,
            Address homeAddress, List<Address> pastAddresses, long loginCount) {
    }

    @Path("v1/members")
    @RolesAllowed("acme.members.view")
    public static class MembersResource {
        private static final ListSpec LIST = ListSpec.builder()
                .field("first_name", "firstName", FieldType.STRING).sortable().filterable().searchable()
                .field("created_at", "createdAt", FieldType.TIMESTAMP).sortable().filterable()
                .field("login_count", "loginCount", FieldType.LONG).filterable()
                .defaultSort("-created_at")
                .build();

        @GET
        @ListParameters
        public ApiResponse<List<Member>> list(@QueryParam("state") String state, @Context UriInfo uri) {
            return null;
        }

        @GET
        @Path("{id}")
        public ApiResponse<Member> get() {
            return null;
        }

        @GET
        @Path("broken")
        @ListParameters("NO_SUCH_SPEC")
        public ApiResponse<List<Member>> broken(@Context UriInfo uri) {
            return null;
        }
    }

    private final JsonNode doc = new ObjectMapper().valueToTree(
            new OpenApiGenerator().generate("T", "1", "/api", List.of(MembersResource.class)));

    private JsonNode ok(String path) {
        return doc.path("paths").path(path).path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema");
    }

    @Test
    public void aListResponseIsTheEnvelopeWithTypedItemsAndMeta() {
        JsonNode schema = ok("/api/v1/members");
        assertEquals(schema.toString(), "array", schema.path("properties").path("data").path("type").asText());
        assertEquals("#/components/schemas/OpenApiRecordsTestMember",
                schema.path("properties").path("data").path("items").path("$ref").asText());
        assertEquals("#/components/schemas/PageMeta", schema.path("properties").path("meta").path("$ref").asText());
        assertFalse("only what Jackson writes", schema.path("properties").has("selected_fields"));
        JsonNode meta = doc.path("components").path("schemas").path("PageMeta").path("properties");
        assertTrue(meta.toString(), meta.has("per_page") && meta.has("total_pages"));
        assertEquals("#/components/schemas/OpenApiRecordsTestMember",
                ok("/api/v1/members/{id}").path("properties").path("data").path("$ref").asText());
    }

    @Test
    public void recordsAreObjectsWithSnakeCaseComponentsInOrder() {
        JsonNode member = doc.path("components").path("schemas").path("OpenApiRecordsTestMember");
        assertEquals("object", member.path("type").asText());
        List<String> names = new ArrayList<>();
        member.path("properties").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("id", "first_name", "created_at", "state", "nickname", "home_address", "past_addresses",
                "login_count"), names);
        JsonNode p = member.path("properties");
        assertEquals("uuid", p.path("id").path("format").asText());
        assertEquals("date-time", p.path("created_at").path("format").asText());
        assertEquals("enum values are what the mapper writes (toString)", "[\"active\",\"disabled\",\"failed\",\"suspended\"]",
                p.path("state").path("enum").toString());
        assertEquals("Optional<String> is a string", "string", p.path("nickname").path("type").asText());
        assertEquals("int64", p.path("login_count").path("format").asText());
        assertEquals("#/components/schemas/OpenApiRecordsTestAddress", p.path("home_address").path("$ref").asText());
        assertEquals("#/components/schemas/OpenApiRecordsTestAddress",
                p.path("past_addresses").path("items").path("$ref").asText());
        assertTrue(doc.path("components").path("schemas").path("OpenApiRecordsTestAddress").path("properties")
                .has("street_name"));
    }

    @Test
    public void listParametersComeFromTheListSpec() {
        JsonNode params = doc.path("paths").path("/api/v1/members").path("get").path("parameters");
        List<String> names = new ArrayList<>();
        params.forEach(p -> names.add(p.path("name").asText()));
        assertEquals(List.of("state", "page", "per_page", "sort", "search", "fields", "filter[first_name]",
                "filter[created_at]", "filter[login_count]"), names);
        assertEquals(100, params.get(2).path("schema").path("maximum").asInt());
        assertEquals("[\"first_name\",\"created_at\"]", params.get(3).path("x-sortable").toString());
        assertEquals("-created_at", params.get(3).path("schema").path("default").asText());
        assertEquals("date-time", params.get(7).path("schema").path("format").asText());
        assertTrue(params.get(7).path("description").asText(), params.get(7).path("description").asText().contains("between"));
        assertFalse("like is for text", params.get(8).path("description").asText().contains("like"));
    }

    @Test
    public void aMisnamedSpecIsReportedInItsOperationNotByFailingTheDocument() {
        JsonNode broken = doc.path("paths").path("/api/v1/members/broken").path("get");
        assertTrue(broken.toString(), broken.path("x-list-parameters-error").asText().contains("NO_SUCH_SPEC"));
        assertFalse(broken.has("parameters"));
    }
}
