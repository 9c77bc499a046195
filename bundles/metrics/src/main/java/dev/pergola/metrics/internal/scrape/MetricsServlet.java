package dev.pergola.metrics.internal.scrape;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import dev.pergola.api.identity.Authenticator;
import dev.pergola.metrics.internal.MetricsConfig;
import dev.pergola.metrics.internal.registry.PlatformRegistry;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format 0.0.4, where Prometheus looks by default. It is a
 * servlet in the HTTP whiteboard's default context (outside {@code /api}, so not in the JAX-RS application); the
 * platform's HTTP guard still gives it a request id and security headers, and this servlet checks the caller itself
 * ({@link ScrapeAccess}) and answers refusals in the error envelope. Without the identity bundle's
 * {@link Authenticator} the servlet is not registered at all (fail closed: 404).
 */
@Component(service = Servlet.class, configurationPid = MetricsConfig.PID, property = {
        "osgi.http.whiteboard.servlet.pattern=/metrics",
        "osgi.http.whiteboard.servlet.name=pergola.metrics"})
@Designate(ocd = MetricsConfig.class)
public class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient PlatformRegistry platform;
    private final transient Authenticator authenticator;
    private transient volatile ScrapeAccess access;

    @Activate
    public MetricsServlet(@Reference PlatformRegistry platform, @Reference Authenticator authenticator,
            MetricsConfig config) {
        this.platform = platform;
        this.authenticator = authenticator;
        configure(config);
    }

    @Modified
    void configure(MetricsConfig config) {
        access = new ScrapeAccess(authenticator, config.scrape_token());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = request.getHeader("X-Request-ID");
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            ErrorJson.write(response, 405, "METHOD_NOT_ALLOWED", "Only GET reads the metrics.", requestId, null);
            return;
        }
        switch (access.check(request.getHeader("Authorization"), request.getHeader("X-API-Key"))) {
            case ALLOWED -> scrape(request, response);
            case AUTHENTICATION_REQUIRED -> {
                response.setHeader("WWW-Authenticate", "Bearer");
                ErrorJson.write(response, 401, "AUTHENTICATION_REQUIRED", "Authentication required: send "
                        + "'Authorization: Bearer <access token, API key or scrape token>'.", requestId, null);
            }
            case INVALID_TOKEN -> {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                ErrorJson.write(response, 401, "INVALID_TOKEN", "The token is not valid.", requestId, null);
            }
            case PERMISSION_DENIED -> ErrorJson.write(response, 403, "PERMISSION_DENIED",
                    "You need the permission " + ScrapeAccess.PERMISSION + ".", requestId, ScrapeAccess.PERMISSION);
        }
    }

    private void scrape(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        Writer out = new java.io.OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        platform.scrape(out);
        out.flush();
    }
}
