package dev.pergola.identity.internal.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.servlet.ServletOutputStream;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

/**
 * Adds {@code SameSite=Strict} to every cookie of a console response, whoever set it (the console, its plugins,
 * or the container's session handler, which writes to the base response directly): the {@code Set-Cookie}
 * headers are rewritten just before the response commits. The framing and content policies the guard set
 * stand: the console's own weaker {@code X-Frame-Options: SAMEORIGIN} does not replace them.
 */
final class GuardedResponse extends HttpServletResponseWrapper {
    static final String SET_COOKIE = "Set-Cookie";
    private static final Set<String> PINNED = Set.of("x-frame-options", "content-security-policy");

    GuardedResponse(HttpServletResponse response) {
        super(response);
    }

    /** Rewrites the cookies still lacking the attribute, while the headers can change. */
    void beforeCommit() {
        if (isCommitted()) {
            return;
        }
        List<String> cookies = new ArrayList<>(getHeaders(SET_COOKIE));
        if (cookies.stream().allMatch(c -> c.equals(withSameSite(c)))) {
            return;
        }
        boolean first = true;
        for (String cookie : cookies) {
            if (first) {
                super.setHeader(SET_COOKIE, withSameSite(cookie));
                first = false;
            } else {
                super.addHeader(SET_COOKIE, withSameSite(cookie));
            }
        }
    }

    @Override
    public void addCookie(Cookie cookie) {
        super.addCookie(cookie);
        beforeCommit();
    }

    @Override
    public void addHeader(String name, String value) {
        if (pinned(name)) {
            return;
        }
        super.addHeader(name, SET_COOKIE.equalsIgnoreCase(name) && value != null ? withSameSite(value) : value);
    }

    @Override
    public void setHeader(String name, String value) {
        if (pinned(name)) {
            return;
        }
        super.setHeader(name, SET_COOKIE.equalsIgnoreCase(name) && value != null ? withSameSite(value) : value);
    }

    private static boolean pinned(String name) {
        return name != null && PINNED.contains(name.toLowerCase(Locale.ROOT));
    }

    static String withSameSite(String cookie) {
        return cookie.toLowerCase(Locale.ROOT).contains("samesite=") ? cookie : cookie + "; SameSite=Strict";
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        beforeCommit();
        return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        beforeCommit();
        return super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit();
        super.flushBuffer();
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        beforeCommit();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        beforeCommit();
        super.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        beforeCommit();
        super.sendRedirect(location);
    }
}
