package dev.pergola.rest.internal.errors;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.rest.internal.json.JsonMapper;

/** Builds the one error shape of DESIGN.md: {@code {"error": {code, message, details, request_id, timestamp}}}. */
public final class ErrorEnvelope {
    private static final ObjectMapper JSON = JsonMapper.create();

    private ErrorEnvelope() {
    }

    public static Map<String, Object> body(ErrorCode code, String message, Map<String, List<String>> details,
            Map<String, Object> extra, String requestId) {
        return body(code.name(), message, details, extra, requestId);
    }

    public static Map<String, Object> body(String code, String message, Map<String, List<String>> details,
            Map<String, Object> extra, String requestId) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (!details.isEmpty()) {
            error.put("details", details);
        }
        error.putAll(extra);
        error.put("request_id", requestId);
        error.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        return Map.of("error", error);
    }

    public static Response response(ErrorCode code, String message, Map<String, List<String>> details,
            Map<String, Object> extra, String requestId) {
        return Response.status(code.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(code, message, details, extra, requestId))
                .build();
    }

    /** A domain failure: a code the envelope knows keeps its status, any other code (a plugin's own) is a 422. */
    public static Response response(PergolaException failure, String requestId) {
        int status = HttpErrors.status(failure.code());
        Response.ResponseBuilder r = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(failure.code(), failure.getMessage(), failure.details(), failure.attributes(), requestId));
        failure.retryAfter().ifPresent(d -> r.header("Retry-After", Math.max(1, d.toSeconds())));
        return r.build();
    }

    public static Response response(ErrorCode code, String message, String requestId) {
        return response(code, message, Map.of(), Map.of(), requestId);
    }

    /** The envelope as UTF-8 JSON bytes, for answers written where no JAX-RS message body writer exists. */
    public static byte[] bytes(ErrorCode code, String message, String requestId) {
        try {
            return JSON.writeValueAsBytes(body(code, message, Map.of(), Map.of(), requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the error envelope", e);
        }
    }

    /** A response whose entity is already serialized: usable in applications without the platform's JSON provider. */
    public static Response serialized(ErrorCode code, String message, String requestId) {
        return Response.status(code.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(bytes(code, message, requestId)).build();
    }
}
