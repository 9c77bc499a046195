package dev.pergola.identity.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.Test;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.pergola.identity.internal.rbac.RoleDto;

/**
 * The view records under the platform's mapper settings (snake_case, nulls left out by default, ISO instants):
 * empty members stay in the JSON as null, as the hand-built maps wrote them.
 */
public class ViewRecordsJsonTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678912Z");
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    public void aRoleKeepsItsNullDescriptionAndIsSystemName() {
        JsonNode role = mapper.valueToTree(RoleView.of(new RoleDto("r1", "ops", null, true, new TreeSet<>(Set.of("b", "a")), AT)));
        assertTrue(role.toString(), role.has("description") && role.get("description").isNull());
        assertTrue(role.path("is_system").asBoolean());
        assertEquals("[\"a\",\"b\"]", role.path("permissions").toString());
        assertEquals("2026-01-02T03:04:05.678Z", role.path("created_at").asText());
    }

    @Test
    public void aManagedUserShowsEmptyMembersAsNull() {
        JsonNode user = mapper.valueToTree(new ManagedUserView("u1", "ann", "ann@example.com", null, null, null, null,
                "active", AT, null, Set.of("user"), null, null, AT, null));
        for (String member : List.of("first_name", "last_login_at", "phone", "deleted_at")) {
            assertTrue(member, user.has(member) && user.get(member).isNull());
        }
        assertFalse(user.has("password_hash"));
    }

    @Test
    public void permissionsAndTheKeySecretAppearOnlyWhereKnown() {
        UserView plain = new UserView("u1", "ann", null, null, null, null, null, "active", AT, null, Set.of(), null);
        assertFalse(mapper.valueToTree(plain).has("permissions"));
        assertTrue(mapper.valueToTree(plain).has("email"));
        ApiKeysResource.KeyView key = new ApiKeysResource.KeyView("k1", "ci", "pk_1", List.of(), AT, null, null, null, null);
        assertFalse(mapper.valueToTree(key).has("key"));
        assertTrue(mapper.valueToTree(key).get("revoked_at").isNull());
        assertEquals("s3cret", mapper.valueToTree(key.withSecret("s3cret")).path("key").asText());
    }
}
