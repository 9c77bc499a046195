package dev.pergola.rest.internal.openapi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;


import javax.annotation.security.DenyAll;
import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public class OpenApiGeneratorTest {
    public static class Note {
        public String noteTitle;
        public List<Note> replies;
        public Status status;
    }

    public enum Status { OPEN, CLOSED }

    @Path("/v1/notes/")
    @RolesAllowed("acme.notes.view")
    public static class NotesResource {
        @GET
        public List<Note> list(@QueryParam("page") @DefaultValue("1") int page) {
            return List.of();
        }

        @GET
        @Path("{id: [0-9]+}")
        @PermitAll
        public Note get(@PathParam("id") long id) {
            return null;
        }

        @POST
        @Consumes("application/json")
        @RolesAllowed({"acme.notes.manage"})
        public Note create(Note note) {
            return note;
        }

        @DELETE
        @Path("{id}")
        @DenyAll
        public void remove(@PathParam("id") long id) {
        }
    }

    @Path("health")
    public interface HealthApi {
        @GET
        String check();
    }

    public static class HealthImpl implements HealthApi {
        @Override
        public String check() {
            return "UP";
        }
    }

    private final JsonNode doc = new ObjectMapper().valueToTree(
            new OpenApiGenerator().generate("T", "1", "/api", List.of(NotesResource.class, HealthImpl.class)));

    @Test
    public void pathsJoinUnderTheBaseWithoutTemplateRegexes() {
        assertEquals("3.0.3", doc.path("openapi").asText());
        assertTrue(doc.path("paths").has("/api/v1/notes"));
        assertTrue(doc.path("paths").toString(), doc.path("paths").has("/api/v1/notes/{id}"));
        assertEquals("notes", doc.path("paths").path("/api/v1/notes").path("get").path("tags").get(0).asText());
    }

    @Test
    public void parametersAndBodiesAreTyped() {
        JsonNode list = doc.path("paths").path("/api/v1/notes").path("get");
        assertEquals("page", list.path("parameters").get(0).path("name").asText());
        assertEquals("integer", list.path("parameters").get(0).path("schema").path("type").asText());
        assertEquals("1", list.path("parameters").get(0).path("schema").path("default").asText());
        JsonNode id = doc.path("paths").path("/api/v1/notes/{id}").path("get").path("parameters").get(0);
        assertEquals("path", id.path("in").asText());
        assertTrue(id.path("required").asBoolean());
        assertEquals("int64", id.path("schema").path("format").asText());
        JsonNode body = doc.path("paths").path("/api/v1/notes").path("post").path("requestBody");
        assertEquals("#/components/schemas/OpenApiGeneratorTestNote",
                body.path("content").path("application/json").path("schema").path("$ref").asText());
        JsonNode note = doc.path("components").path("schemas").path("OpenApiGeneratorTestNote").path("properties");
        assertTrue(note.toString(), note.has("note_title"));
        assertEquals("#/components/schemas/OpenApiGeneratorTestNote", note.path("replies").path("items").path("$ref").asText());
        assertEquals("CLOSED", note.path("status").path("enum").get(1).asText());
        assertTrue(doc.path("components").path("schemas").has("Error"));
    }

    @Test
    public void securityFollowsTheAnnotationsAndDenyAllIsHidden() {
        JsonNode list = doc.path("paths").path("/api/v1/notes").path("get");
        assertEquals("acme.notes.view", list.path("x-required-permissions").get(0).asText());
        JsonNode create = doc.path("paths").path("/api/v1/notes").path("post");
        assertEquals("method wins over class", "acme.notes.manage", create.path("x-required-permissions").get(0).asText());
        JsonNode get = doc.path("paths").path("/api/v1/notes/{id}").path("get");
        assertEquals(0, get.path("security").size());
        assertEquals("deny", doc.path("paths").path("/api/v1/notes/{id}").path("delete").path("x-access").asText());
        assertEquals("public", get.path("x-access").asText());
        assertEquals("permission", create.path("x-access").asText());
        JsonNode health = doc.path("paths").path("/api/health").path("get");
        assertEquals("annotations on an interface count", "HealthImpl_check", health.path("operationId").asText());
        assertEquals(2, health.path("security").size());
        assertEquals("authenticated", health.path("x-access").asText());
        assertFalse("declares nothing", health.path("x-declared").asBoolean());
        assertTrue(get.path("x-declared").asBoolean());
    }

    @Test
    public void joinAndTag() {
        assertEquals("/api/v1/x/{id}", OpenApiGenerator.join("/api", "v1/x/", "/{id : \\d+}"));
        assertEquals("/", OpenApiGenerator.join("", "/"));
        assertEquals("health", OpenApiGenerator.tag("/api/health/live"));
        assertEquals("users", OpenApiGenerator.tag("/api/v1/users/{id}"));
    }

    @Test
    public void mapsWithoutAnOrderComeOutSortedSoTheDocumentIsStable() {
        Object stable = OpenApiGenerator.stable(Map.of("zeta", 1, "alpha", List.of(Map.of("y", 2, "b", 3)), "mid", 4));
        assertEquals("{alpha=[{b=3, y=2}], mid=4, zeta=1}", stable.toString());
        java.util.LinkedHashMap<String, Object> ordered = new java.util.LinkedHashMap<>();
        ordered.put("z", 1);
        ordered.put("a", 2);
        assertEquals("insertion order is kept where it was chosen", "{z=1, a=2}", OpenApiGenerator.stable(ordered).toString());
    }
}
