package dev.pergola.rest.internal.openapi;

import java.io.InputStream;
import java.net.URL;
import java.util.Map;

import javax.annotation.security.PermitAll;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.PergolaApplication;

/** {@code /api/docs}: Swagger UI over {@code /api/openapi.json}, served from this bundle (no internet needed). */
@Component(service = DocsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@Path("docs")
@PermitAll
public class DocsResource {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "application/javascript", "css", "text/css", "png", "image/png", "json", "application/json");

    private final BundleContext context;

    @Activate
    public DocsResource(BundleContext context) {
        this.context = context;
    }

    @GET
    public Response index() {
        return file("index.html");
    }

    @GET
    @Path("{file: [A-Za-z0-9._-]+}")
    public Response file(@PathParam("file") String file) {
        return serve("docs/" + file);
    }

    @GET
    @Path("assets/{file: [A-Za-z0-9._-]+}")
    public Response asset(@PathParam("file") String file) {
        return serve("docs/assets/" + file);
    }

    private Response serve(String path) {
        URL entry = context.getBundle().getEntry(path);
        String ext = path.substring(path.lastIndexOf('.') + 1);
        if (entry == null || !TYPES.containsKey(ext)) {
            throw ApiException.notFound("No documentation file " + path.substring("docs/".length()));
        }
        try {
            InputStream in = entry.openStream();
            return Response.ok(in, TYPES.get(ext)).header("Cache-Control", "public, max-age=3600").build();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
