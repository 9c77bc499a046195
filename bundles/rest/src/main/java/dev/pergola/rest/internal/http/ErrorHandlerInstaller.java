package dev.pergola.rest.internal.http;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Puts {@link EnvelopeErrorHandler} on the Jetty server. Pax Web adds Jetty {@code Customizer} services to its
 * connectors without restarting the server, but gives no handle on the server itself, so this is done from
 * the first request the connector sees (the boot's readiness probe in practice) and checked, cheaply, on each.
 * Until then, and after this bundle stops, Jetty's own handler answers the container-level errors.
 */
@Component(service = HttpConfiguration.Customizer.class)
public class ErrorHandlerInstaller implements HttpConfiguration.Customizer {
    private volatile Server server;

    @Override
    public void customize(Connector connector, HttpConfiguration channelConfig, Request request) {
        Server s = connector.getServer();
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
