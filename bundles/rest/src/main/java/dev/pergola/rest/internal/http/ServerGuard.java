package dev.pergola.rest.internal.http;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.rest.internal.filters.RequestIds;

/**
 * The earliest hook Pax Web offers into each request (a Jetty {@code Customizer}, added to its connectors without
 * restarting the server), before Jetty picks a context:
 * <ul>
 * <li>the request gets its id here, so even what Jetty answers itself (a redirect to a context root) carries
 * {@code X-Request-ID}, and every later layer reuses it;</li>
 * <li>{@code TRACE}/{@code TRACK} are refused (405 in the envelope) instead of being answered by the server;</li>
 * <li>{@link EnvelopeErrorHandler} is put on the server. Pax Web gives no handle on its server, so this happens
 * on the first request the connector sees (the boot's readiness probe in practice) and is checked, cheaply, on
 * each; until then, and after this bundle stops, Jetty's own handler answers container-level errors.</li>
 * </ul>
 */
@Component(service = HttpConfiguration.Customizer.class)
public class ServerGuard implements HttpConfiguration.Customizer {
    private volatile Server server;

    @Override
    public void customize(Connector connector, HttpConfiguration channelConfig, Request request) {
        install(connector.getServer());
        HttpFields fields = request.getHttpFields();
        String sent = fields == null ? null : fields.get(PergolaApplication.REQUEST_ID_HEADER);
        String id = RequestIds.choose(sent);
        if (fields != null && !id.equals(sent)) {
            fields.put(PergolaApplication.REQUEST_ID_HEADER, id);
        }
        request.getResponse().setHeader(PergolaApplication.REQUEST_ID_HEADER, id);
        String method = request.getMethod();
        if ("TRACE".equalsIgnoreCase(method) || "TRACK".equalsIgnoreCase(method)) {
            throw new BadMessageException(405, "Method not allowed");
        }
    }

    private void install(Server s) {
        if (s != null && !(s.getErrorHandler() instanceof EnvelopeErrorHandler)) {
            synchronized (this) {
                if (!(s.getErrorHandler() instanceof EnvelopeErrorHandler)) {
                    s.setErrorHandler(new EnvelopeErrorHandler());
                    server = s;
                }
            }
        }
    }

    @Deactivate
    synchronized void deactivate() {
        Server s = server;
        if (s != null && s.getErrorHandler() instanceof EnvelopeErrorHandler) {
            ErrorHandler plain = new ErrorHandler();
            plain.setShowStacks(false);
            plain.setShowServlet(false);
            s.setErrorHandler(plain);
        }
    }
}
