package dev.pergola.api.errors;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request the domain refuses: a machine-readable code, a message for the person who asked, per-field problems
 * and extra attributes. Services throw it; they never throw JAX-RS types.
 *
 * <p>Codes are the envelope codes of DESIGN.md ({@code RESOURCE_NOT_FOUND}, {@code CONFLICT},
 * {@code VALIDATION_ERROR}, {@code PERMISSION_DENIED}, …; constants below). The REST bundle answers a code it
 * knows with that code's status, and any other code (a plugin's own, say {@code QUOTA_EXCEEDED}) with 422.
 */
public class PergolaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String NOT_FOUND = "RESOURCE_NOT_FOUND";
    public static final String CONFLICT = "CONFLICT";
    public static final String VALIDATION = "VALIDATION_ERROR";
    public static final String PERMISSION_DENIED = "PERMISSION_DENIED";
    public static final String AUTHENTICATION_REQUIRED = "AUTHENTICATION_REQUIRED";
    public static final String INVALID_CREDENTIALS = "INVALID_CREDENTIALS";
    public static final String INVALID_TOKEN = "INVALID_TOKEN";
    public static final String TOKEN_EXPIRED = "TOKEN_EXPIRED";
    public static final String TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS";
    public static final String RATE_LIMIT_EXCEEDED = "RATE_LIMIT_EXCEEDED";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String PLUGIN_FAILED = "PLUGIN_FAILED";
    public static final String UNAVAILABLE = "SERVICE_UNAVAILABLE";

    private final String code;
    private final Map<String, List<String>> details;
    private final Map<String, Object> attributes;
    private final Duration retryAfter;

    public PergolaException(String code, String message) {
        this(code, message, Map.of(), Map.of(), null, null);
    }

    public PergolaException(String code, String message, Map<String, List<String>> details,
            Map<String, Object> attributes) {
        this(code, message, details, attributes, null, null);
    }

    public PergolaException(String code, String message, Map<String, List<String>> details,
            Map<String, Object> attributes, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        this.retryAfter = retryAfter;
    }

    public static PergolaException notFound(String message) {
        return new PergolaException(NOT_FOUND, message);
    }

    public static PergolaException conflict(String message) {
        return new PergolaException(CONFLICT, message);
    }

    /** Invalid input, one list of problems per offending field. */
    public static PergolaException invalid(Map<String, List<String>> details) {
        return new PergolaException(VALIDATION, "The request is not valid.", details, Map.of(), null, null);
    }

    public static PergolaException invalid(String field, String problem) {
        return invalid(Map.of(field, List.of(problem)));
    }

    /** The caller lacks {@code permission}; it is named in the {@code required_permission} attribute. */
    public static PergolaException denied(String permission, String message) {
        return new PergolaException(PERMISSION_DENIED, message, Map.of(),
                Map.of("required_permission", permission), null, null);
    }

    /** The capability cannot serve now; try again after {@code retryAfter} (may be null). */
    public static PergolaException unavailable(String message, Duration retryAfter) {
        return new PergolaException(UNAVAILABLE, message, Map.of(), Map.of(), retryAfter, null);
    }

    public String code() {
        return code;
    }

    /** Field name → problems with that field; empty when the failure is not about fields. */
    public Map<String, List<String>> details() {
        return details;
    }

    /** Extra members of the error, in snake_case (e.g. {@code required_permission}, {@code locked_until}). */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** When the caller may try again, if the failure is temporary. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
