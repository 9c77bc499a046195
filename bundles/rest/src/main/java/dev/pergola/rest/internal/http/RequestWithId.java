package dev.pergola.rest.internal.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

import dev.pergola.api.rest.PergolaApplication;

/** The request as the applications see it: its {@code X-Request-ID} is the one the guard chose and echoed. */
final class RequestWithId extends HttpServletRequestWrapper {
    private final String requestId;

    RequestWithId(HttpServletRequest request, String requestId) {
        super(request);
        this.requestId = requestId;
    }

    private static boolean isId(String name) {
        return PergolaApplication.REQUEST_ID_HEADER.equalsIgnoreCase(name);
    }

    @Override
    public String getHeader(String name) {
        return isId(name) ? requestId : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return isId(name) ? Collections.enumeration(List.of(requestId)) : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements();) {
            String name = e.nextElement();
            if (!isId(name)) {
                names.add(name);
            }
        }
        names.add(PergolaApplication.REQUEST_ID_HEADER);
        return Collections.enumeration(names);
    }
}
