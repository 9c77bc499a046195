package dev.pergola.rest.internal.filters;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.metatype.annotations.Designate;

import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.api.rest.MaxBodySize;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.rest.internal.RestConfig;

/**
 * Refuses bodies over the limit with 413: at once when {@code Content-Length} says so, otherwise
 * (chunked uploads) as soon as the stream passes the limit. The limit is {@code dev.pergola.rest}'s,
 * or the matched method's {@link MaxBodySize}.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = "dev.pergola.rest")
@Designate(ocd = RestConfig.class)
@JaxrsExtension
@JaxrsName("pergola.body-size")
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@Priority(Priorities.AUTHENTICATION - 50)
public class BodySizeFilter implements ContainerRequestFilter {
    private final long defaultLimit;

    @Context
    private ResourceInfo resource;

    @Activate
    public BodySizeFilter(RestConfig config) {
        this.defaultLimit = config.max_body_bytes();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = limitFor(resource);
        if (request.getLength() > limit) {
            throw tooLarge(limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedStream(request.getEntityStream(), limit));
        }
    }

    private long limitFor(ResourceInfo info) {
        if (info != null && info.getResourceMethod() != null) {
            MaxBodySize onMethod = info.getResourceMethod().getAnnotation(MaxBodySize.class);
            if (onMethod != null) {
                return onMethod.value();
            }
            MaxBodySize onClass = info.getResourceClass().getAnnotation(MaxBodySize.class);
            if (onClass != null) {
                return onClass.value();
            }
        }
        return defaultLimit;
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of "
                + limit + " bytes.");
    }

    /** Counts what the resource reads and fails once the limit is passed. */
    static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            count += n;
            if (count > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
