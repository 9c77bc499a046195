package dev.pergola.rest.internal.filters;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.MDC;

import dev.pergola.api.rest.PergolaApplication;

/** Gives every request an id (the client's {@code X-Request-ID} when sane), echoes it, and puts it in the log MDC. */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JaxrsExtension
@JaxrsName("pergola.request-id")
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String id = RequestIds.choose(request.getHeaderString(PergolaApplication.REQUEST_ID_HEADER));
        request.getHeaders().putSingle(PergolaApplication.REQUEST_ID_HEADER, id);
        MDC.put("request_id", id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String id = request.getHeaderString(PergolaApplication.REQUEST_ID_HEADER);
        response.getHeaders().putSingle(PergolaApplication.REQUEST_ID_HEADER, id != null ? id : RequestIds.choose(null));
        MDC.remove("request_id");
    }
}
