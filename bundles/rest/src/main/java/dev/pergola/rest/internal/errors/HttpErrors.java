package dev.pergola.rest.internal.errors;

import dev.pergola.api.rest.ErrorCode;

/** The envelope's code and a generic message for an HTTP status the servlet container chose. */
public final class HttpErrors {
    private HttpErrors() {
    }

    /** The status of an envelope code: the listed codes keep theirs, any other (a plugin's own) is a 422. */
    public static int status(String code) {
        for (ErrorCode known : ErrorCode.values()) {
            if (known.name().equals(code)) {
                return known.status();
            }
        }
        return 422;
    }

    public static ErrorCode code(int status) {
        return switch (status) {
            case 401 -> ErrorCode.AUTHENTICATION_REQUIRED;
            case 403 -> ErrorCode.PERMISSION_DENIED;
            case 404 -> ErrorCode.RESOURCE_NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 422 -> ErrorCode.VALIDATION_ERROR;
            case 429 -> ErrorCode.RATE_LIMIT_EXCEEDED;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.MALFORMED_REQUEST;
        };
    }

    /** Never the container's own reason: it may name classes or echo the input. */
    public static String message(int status) {
        return switch (status) {
            case 400 -> "The request is malformed (bad request line, path, header or encoding).";
            case 401 -> "Authentication required.";
            case 403 -> "Forbidden.";
            case 404 -> "No resource at this address.";
            case 405 -> "This method is not allowed here.";
            case 408 -> "The request took too long to arrive.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 415 -> "Unsupported Content-Type or charset; send application/json in UTF-8.";
            case 431 -> "The request headers are too large.";
            case 503 -> "The service is unavailable; try again shortly.";
            case 505 -> "HTTP version not supported; use HTTP/1.1.";
            default -> status >= 500 ? "An unexpected error occurred." : "The request could not be processed (HTTP "
                    + status + ").";
        };
    }
}
