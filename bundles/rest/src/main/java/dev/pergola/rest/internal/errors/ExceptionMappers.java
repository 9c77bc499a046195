package dev.pergola.rest.internal.errors;


import javax.ws.rs.NotAcceptableException;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.NotSupportedException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.rest.internal.filters.RequestIds;

/**
 * Every failure of the platform application, whoever raised it, ends here and leaves as the error
 * envelope: a service's {@link PergolaException}, a resource's {@link ApiException}, the runtime's own errors (unknown route, wrong method or media
 * type) and anything unexpected, which is logged with the request id and answered with a generic 500.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName("pergola.errors")
@JaxrsApplicationSelect(PergolaApplication.SELECT)
public class ExceptionMappers implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ExceptionMappers.class);

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(Throwable failure) {
        String requestId = RequestIds.of(headers);
        if (failure instanceof ApiException api) {
            Response.ResponseBuilder r = Response.fromResponse(
                    ErrorEnvelope.response(api.code(), api.getMessage(), api.details(), api.extra(), requestId));
            api.headers().forEach(r::header);
            return r.build();
        }
        if (failure instanceof PergolaException domain) {
            return ErrorEnvelope.response(domain, requestId);
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return fromRuntime(web, requestId);
        }
        if (unreadableBody(failure)) {
            return ErrorEnvelope.response(ErrorCode.MALFORMED_REQUEST,
                    "The request body could not be read (bad chunked encoding, or it ended early).", requestId);
        }
        LOG.error("Request {} failed", requestId, failure);
        return ErrorEnvelope.response(ErrorCode.INTERNAL_ERROR,
                "An unexpected error occurred; quote request id " + requestId + " when reporting it.", requestId);
    }

    private static Response fromRuntime(WebApplicationException web, String requestId) {
        if (web instanceof NotFoundException) {
            return ErrorEnvelope.response(ErrorCode.RESOURCE_NOT_FOUND, "No resource at this address.", requestId);
        }
        if (web instanceof NotAllowedException) {
            Response r = ErrorEnvelope.response(ErrorCode.METHOD_NOT_ALLOWED,
                    "This method is not allowed here; allowed: " + web.getResponse().getAllowedMethods(), requestId);
            return Response.fromResponse(r).allow(web.getResponse().getAllowedMethods()).build();
        }
        if (web instanceof NotSupportedException) {
            return ErrorEnvelope.response(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported Content-Type; send application/json.", requestId);
        }
        if (web instanceof NotAcceptableException) {
            return ErrorEnvelope.response(ErrorCode.NOT_ACCEPTABLE,
                    "Cannot produce a representation the Accept header allows; accept application/json.", requestId);
        }
        int status = web.getResponse().getStatus();
        ErrorCode code = HttpErrors.code(status);
        String message = web.getMessage() == null || web.getMessage().startsWith("HTTP ")
                ? "The request could not be processed (HTTP " + status + ")." : web.getMessage();
        // keep the runtime's status: an unlisted 4xx stays what it was, with the closest code
        return Response.fromResponse(ErrorEnvelope.response(code, message, requestId)).status(status)
                .allow(web.getResponse().getAllowedMethods()).build();
    }

    /** The client sent a body the server cannot read: its fault (400), not ours. */
    static boolean unreadableBody(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Jetty's EofException is an EOFException
            if (t instanceof org.eclipse.jetty.http.BadMessageException || t instanceof java.io.EOFException) {
                return true;
            }
            // a broken chunked body leaves Jetty's parser terminated: whatever reading it throws comes from there
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("org.eclipse.jetty.http.HttpParser")
                        || frame.getClassName().startsWith("org.eclipse.jetty.server.HttpInput")) {
                    return true;
                }
            }
        }
        return false;
    }
}
