package dev.pergola.events.internal.ws;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.websocket.api.WebSocketPolicy;
import org.eclipse.jetty.websocket.server.WebSocketServerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.identity.Authenticator;
import dev.pergola.events.internal.live.LiveEvents;

/**
 * {@code /api/v1/ws}: accepts WebSocket upgrades with Jetty's own WebSocket server (the container Pax Web runs), in
 * the servlet context of the platform's JAX-RS application — the one mounted at {@code /api}, whose context the
 * Aries whiteboard names {@code context.for<application name>} — so the HTTP guard gives it the same request id,
 * security headers and error envelope as every other {@code /api} path. Anything but an upgrade is answered in the
 * envelope (400, or 405 for other methods). Authentication happens in the protocol (the first message), so the
 * upgrade itself needs no credentials and cookies play no part (no cross-site WebSocket hijacking).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/v1/ws",
        "osgi.http.whiteboard.servlet.name=pergola.events.websocket",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=context.forpergola)"})
public class EventSocketServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_MESSAGE_CHARS = 16 * 1024;

    private final transient LiveEvents live;
    private final transient Authenticator authenticator;
    private transient WebSocketServerFactory factory;

    @Activate
    public EventSocketServlet(@Reference LiveEvents live, @Reference Authenticator authenticator) {
        this.live = live;
        this.authenticator = authenticator;
    }

    @Override
    public void init() throws ServletException {
        WebSocketPolicy policy = WebSocketPolicy.newServerPolicy();
        policy.setMaxTextMessageSize(MAX_MESSAGE_CHARS);
        policy.setMaxBinaryMessageSize(1024);
        // pings every heartbeat keep a live client well inside this
        policy.setIdleTimeout(Math.max(4L * live.config().heartbeat_seconds(), 60L) * 1000L);
        WebSocketServerFactory created = new WebSocketServerFactory(getServletContext(), policy);
        created.setCreator((request, response) -> new EventSocket(live, authenticator));
        try {
            created.start();
        } catch (Exception e) {
            throw new ServletException("The WebSocket server could not start", e);
        }
        factory = created;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (factory.isUpgradeRequest(request, response)) {
            if (factory.acceptWebSocket(request, response) || response.isCommitted()) {
                return;
            }
        }
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }

    @Override
    public void destroy() {
        WebSocketServerFactory current = factory;
        factory = null;
        if (current != null) {
            try {
                current.stop();
            } catch (Exception e) {
                log("The WebSocket server did not stop cleanly", e);
            }
        }
    }
}
