package dev.pergola.api.rest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.WebApplicationException;

/**
 * Thrown by any REST resource (platform or plugin) to answer with the error envelope:
 * {@code {"error": {"code", "message", "details", "request_id", "timestamp", ...extra}}}.
 * The platform maps it centrally; resources never build error responses themselves.
 *
 * <p>Only REST resources throw it, for answers that are about HTTP itself. Services (the platform's and plugins')
 * throw the domain failure {@link dev.pergola.api.errors.PergolaException}, which maps to the same envelope and
 * also serves shell commands and other callers that know nothing of HTTP.
 */
public class ApiException extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Map<String, List<String>> details;
    private final Map<String, Object> extra;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of(), Map.of());
    }

    public ApiException(ErrorCode code, String message, Map<String, List<String>> details, Map<String, Object> extra) {
        super(message, code.status());
        this.code = code;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.RESOURCE_NOT_FOUND, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message);
    }

    /** A 422 with one message per offending field. */
    public static ApiException validation(Map<String, List<String>> details) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, "The request is not valid.", details, Map.of());
    }

    public static ApiException validation(String field, String problem) {
        return validation(Map.of(field, List.of(problem)));
    }

    public ErrorCode code() {
        return code;
    }


    /** Field name → problems with that field; empty when the error is not about fields. */
    public Map<String, List<String>> details() {
        return details;
    }

    /** Adds a response header, e.g. {@code Retry-After}; returns this exception. */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Response headers to send with the error. */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** Extra top-level members of the error object, such as {@code required_permission}. */
    public Map<String, Object> extra() {
        return extra;
    }
}
