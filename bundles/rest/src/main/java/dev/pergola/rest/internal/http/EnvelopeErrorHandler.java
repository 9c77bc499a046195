package dev.pergola.rest.internal.http;

import java.io.IOException;
import java.nio.ByteBuffer;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.rest.internal.errors.ErrorEnvelope;
import dev.pergola.rest.internal.errors.HttpErrors;
import dev.pergola.rest.internal.filters.RequestIds;

/**
 * Jetty's server-level error handler, for what it answers before any servlet runs: a request line or headers too
 * long (414, 431), an ambiguous or malformed path (400), a bad HTTP message. Everything leaves as the JSON error
 * envelope with a request id, never Jetty's HTML page, for every method (Jetty's own writes no body for PUT or
 * DELETE).
 */
final class EnvelopeErrorHandler extends ErrorHandler {

    EnvelopeErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
            HttpServletResponse response, int code, String message) throws IOException {
        String requestId = RequestIds.choose(request.getHeader(PergolaApplication.REQUEST_ID_HEADER));
        byte[] body = ErrorEnvelope.bytes(HttpErrors.code(code), HttpErrors.message(code), requestId);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader(PergolaApplication.REQUEST_ID_HEADER, requestId);
        SecurityHeaders.apply(response, request.isSecure(), request.getRequestURI());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        String requestId = RequestIds.choose(null);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(new HttpField(PergolaApplication.REQUEST_ID_HEADER, requestId));
        fields.put(new HttpField(SecurityHeaders.NOSNIFF_HEADER, SecurityHeaders.NOSNIFF));
        return ByteBuffer.wrap(ErrorEnvelope.bytes(HttpErrors.code(status), HttpErrors.message(status), requestId));
    }
}
