package dev.pergola.api.rest;

/** The error codes of the REST error envelope, each with its HTTP status. */
public enum ErrorCode {
    MALFORMED_REQUEST(400),
    AUTHENTICATION_REQUIRED(401),
    INVALID_CREDENTIALS(401),
    INVALID_TOKEN(401),
    TOKEN_EXPIRED(401),
    PERMISSION_DENIED(403),
    /** A cookie-authenticated request without the session's {@code X-CSRF-Token}. */
    CSRF_TOKEN_INVALID(403),
    RESOURCE_NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    VALIDATION_ERROR(422),
    /** A plugin could not resolve or start; the message names the cause (and any rollback done). */
    PLUGIN_FAILED(422),
    TOO_MANY_ATTEMPTS(429),
    RATE_LIMIT_EXCEEDED(429),
    INTERNAL_ERROR(500),
    SERVICE_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
