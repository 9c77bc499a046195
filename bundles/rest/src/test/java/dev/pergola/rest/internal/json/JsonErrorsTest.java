package dev.pergola.rest.internal.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;

public class JsonErrorsTest {
    public static class Profile {
        public String displayName;
        public int age;
    }

    private final ObjectMapper mapper = JsonMapper.create();

    private ApiException readFailure(String json) {
        try {
            mapper.readValue(json, Profile.class);
        } catch (JsonProcessingException e) {
            return JsonErrors.toApiException(e);
        }
        fail("expected a failure for " + json);
        return null;
    }

    @Test
    public void snakeCaseIsTheWireFormat() throws Exception {
        Profile p = mapper.readValue("{\"display_name\":\"Ann\",\"age\":3}", Profile.class);
        assertEquals("Ann", p.displayName);
        assertTrue(mapper.writeValueAsString(p).contains("\"display_name\":\"Ann\""));
    }

    @Test
    public void syntaxErrorsAre400WithThePosition() {
        ApiException e = readFailure("{\"age\": ");
        assertEquals(ErrorCode.MALFORMED_REQUEST, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("line 1"));
    }

    @Test
    public void unknownFieldsAre422NamingThemAndTheAllowedOnes() {
        ApiException e = readFailure("{\"display_name\":\"x\",\"roles\":[\"admin\"]}");
        assertEquals(ErrorCode.VALIDATION_ERROR, e.code());
        assertTrue(e.details().toString(), e.details().get("roles").get(0).contains("display_name"));
    }

    @Test
    public void mistypedValuesAre422NamingTheField() {
        ApiException e = readFailure("{\"age\":\"old\"}");
        assertEquals(ErrorCode.VALIDATION_ERROR, e.code());
        assertTrue(e.details().containsKey("age"));
    }

    @Test
    public void anEmptyBodyIs400() {
        assertEquals(ErrorCode.MALFORMED_REQUEST, readFailure("").code());
    }

    @Test
    public void aBodyOfTheWrongShapeSaysWhatIsExpectedWithoutNamingClasses() {
        for (String json : new String[] {"\"text\"", "[{\"age\":1}]", "42", "true"}) {
            ApiException e = readFailure(json);
            assertEquals(json, ErrorCode.MALFORMED_REQUEST, e.code());
            assertEquals(json, "The request body must be a JSON object.", e.getMessage());
            assertTrue(e.details().containsKey("body"));
        }
    }

    @Test
    public void noMessageNamesAJavaClass() {
        for (String json : new String[] {"\"text\"", "[1]", "{\"age\":\"old\"}", "{\"age\":[1]}", "{\"age\": ",
                "{\"display_name\":{\"a\":1}}", "{\"age\":99999999999999999999}"}) {
            ApiException e = readFailure(json);
            String text = e.getMessage() + " " + e.details();
            assertTrue(json + " -> " + text, !text.contains("dev.pergola") && !text.contains("java.")
                    && !text.contains("JsonErrorsTest") && !text.contains("Profile"));
        }
    }
}
