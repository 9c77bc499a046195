package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The fuzz harness itself, without a platform: plans are reproducible, and the verdict tells good from bad. */
public class FuzzHarnessTest {
    private static final String DOC = """
            {"paths":{
              "/api/v1/things":{"get":{"x-access":"permission"},
                "post":{"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}},
              "/api/v1/things/{id}":{"delete":{"parameters":[{"name":"id","in":"path","schema":{"type":"string"}}]}},
              "/api/v1/plugins":{"post":{"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Url"}}}}}}},
             "components":{"schemas":{
               "Thing":{"type":"object","properties":{"name":{"type":"string"},"count":{"type":"integer"},
                 "tags":{"type":"array","items":{"type":"string"}}}},
               "Url":{"type":"object","properties":{"url":{"type":"string"}}}}}}
            """;

    private static List<FuzzRequests.FuzzRequest> plan(long seed, int size) throws Exception {
        FuzzSpec spec = new FuzzSpec(new ObjectMapper().readTree(DOC));
        FuzzValues values = new FuzzValues(new Random(seed));
        FuzzRequests requests = new FuzzRequests(values, new FuzzBodies(spec, values, Map.of()),
                new ArrayList<>(spec.propertyNames()), (path, param) -> List.of("@real@"));
        List<FuzzRequests.FuzzRequest> plan = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            plan.add(requests.next(spec.operations().get(i % spec.operations().size()), "anonymous"));
        }
        return plan;
    }

    @Test
    public void theSameSeedMakesTheSamePlanAndAnotherSeedAnother() throws Exception {
        assertEquals(FuzzRequests.fingerprint(plan(7, 500)), FuzzRequests.fingerprint(plan(7, 500)));
        assertNotEquals(FuzzRequests.fingerprint(plan(7, 500)), FuzzRequests.fingerprint(plan(8, 500)));
    }

    @Test
    public void pathsAreFilledAndInstallUrlsStayLocal() throws Exception {
        for (FuzzRequests.FuzzRequest r : plan(3, 2000)) {
            assertFalse(r.target(), r.target().contains("{id}"));
            if (r.operation().equals("POST /api/v1/plugins") && r.body() != null) {
                String body = new String(r.body(), StandardCharsets.UTF_8);
                assertFalse(body, body.contains("mvn:") || body.contains("https://"));
            }
        }
    }

    @Test
    public void everyBodyStrategyIsUsed() throws Exception {
        List<String> seen = plan(11, 3000).stream().map(FuzzRequests.FuzzRequest::strategy).distinct().toList();
        assertTrue(seen.toString(), seen.containsAll(FuzzBodies.STRATEGIES));
    }

    @Test
    public void theVerdictAcceptsTheEnvelopeAndRefusesJettyPagesAndLeaks() {
        String envelope = "{\"error\":{\"code\":\"X\",\"message\":\"m\",\"request_id\":\"r\",\"timestamp\":\"t\"}}";
        assertEquals(List.of(), FuzzVerdict.judge("anonymous", answer(404, "application/json", envelope, true)));
        assertEquals(List.of("not-envelope", "no-request-id"), FuzzVerdict.judge("anonymous",
                answer(414, "text/html", "<h1>Bad Message 414</h1><pre>reason: URI Too Long</pre>", false)));
        assertEquals(List.of("not-envelope", "no-request-id"), FuzzVerdict.judge("anonymous",
                answer(505, "text/html", "<h1>Bad Message 505</h1><pre>reason: Unknown Version</pre>", false)));
        assertEquals(List.of("5xx"), FuzzVerdict.judge("admin", answer(500, "application/json", envelope, true)));
        assertEquals(List.of("5xx", "stack-trace", "class-name", "not-envelope"), FuzzVerdict.judge("anonymous",
                answer(500, "text/html", "<title>Error 500 javax.servlet.ServletException: Invalid character set</title>", true)));
        String leak = envelope.replace("\"m\"", "\"Cannot construct instance of `dev.pergola.identity.internal.rest.AuthResource$LoginRequest`\"");
        assertEquals(List.of("class-name"), FuzzVerdict.judge("anonymous", answer(400, "application/json", leak, true)));
        String pid = envelope.replace("\"m\"", "\"allowed: mvn, file (setting url.schemes of dev.pergola.plugins)\"");
        assertEquals("a configuration PID is not a class name", List.of(),
                FuzzVerdict.judge("admin", answer(422, "application/json", pid, true)));
        assertEquals("admins may see bundle names in a 200", List.of(),
                FuzzVerdict.judge("admin", answer(200, "application/json", "{\"data\":\"dev.pergola.identity.Thing\"}", true)));
        assertEquals(List.of("class-name"),
                FuzzVerdict.judge("user", answer(200, "application/json", "{\"data\":\"dev.pergola.identity.Thing\"}", true)));
    }

    @Test
    public void rawAnswersAreParsedWithChunkedBodies() {
        RawHttp.Answer a = RawHttp.parse(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Request-ID: abc\r\n\r\n"
                + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(200, a.status());
        assertEquals("hello world", a.body());
        assertEquals("abc", a.header("x-request-id"));
        assertEquals(0, RawHttp.parse("garbage".getBytes(StandardCharsets.ISO_8859_1)).status());
    }

    private static RawHttp.Answer answer(int status, String contentType, String body, boolean requestId) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Content-Type", contentType});
        if (requestId) {
            headers.add(new String[] {"X-Request-ID", "id"});
        }
        return new RawHttp.Answer(status, headers, body, null);
    }
}
