package dev.pergola.rest.internal.http;

import java.io.IOException;

import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

import dev.pergola.api.rest.ErrorCode;
import dev.pergola.rest.internal.errors.ErrorEnvelope;
import dev.pergola.rest.internal.errors.HttpErrors;

/** A response whose {@code sendError} writes the JSON error envelope instead of the container's HTML page. */
final class EnvelopeResponse extends HttpServletResponseWrapper {
    private final String requestId;

    EnvelopeResponse(HttpServletResponse response, String requestId) {
        super(response);
        this.requestId = requestId;
    }

    @Override
    public void sendError(int status) throws IOException {
        sendError(status, null);
    }

    @Override
    public void sendError(int status, String ignoredReason) throws IOException {
        if (isCommitted()) {
            super.sendError(status);
            return;
        }
        write(status, HttpErrors.code(status), HttpErrors.message(status));
    }

    void write(int status, ErrorCode code, String message) throws IOException {
        byte[] body = ErrorEnvelope.bytes(code, message, requestId);
        resetBuffer();
        setStatus(status);
        setContentType("application/json");
        setCharacterEncoding("UTF-8");
        setContentLength(body.length);
        getOutputStream().write(body);
        flushBuffer();
    }
}
