package dev.pergola.rest.internal.openapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.annotation.security.PermitAll;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceObjects;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.rest.PergolaApplication;

/**
 * {@code GET /api/openapi.json}: the OpenAPI document of every resource the JAX-RS runtime has
 * accepted into the platform application right now, plugins' resources included. The runtime DTO says
 * which services those are; their classes carry the annotations the document is generated from.
 */
@Component(service = OpenApiResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("openapi.json")
@PermitAll
public class OpenApiResource {
    private final BundleContext context;
    private final JaxrsServiceRuntime runtime;
    private final OpenApiGenerator generator = new OpenApiGenerator();

    @Activate
    public OpenApiResource(BundleContext context, @Reference JaxrsServiceRuntime runtime) {
        this.context = context;
        this.runtime = runtime;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> document() {
        return generator.generate("Pergola API", context.getBundle().getVersion().toString(),
                PergolaApplication.BASE, resourceClasses());
    }

    private Collection<Class<?>> resourceClasses() {
        List<Class<?>> classes = new ArrayList<>();
        for (ApplicationDTO app : runtime.getRuntimeDTO().applicationDTOs) {
            if (!PergolaApplication.NAME.equals(app.name)) {
                continue;
            }
            Arrays.stream(app.resourceDTOs).map(this::classOf).filter(c -> c != null).forEach(classes::add);
        }
        return classes;
    }

    private Class<?> classOf(ResourceDTO resource) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(service.id=" + resource.serviceId + ")");
            if (refs == null || refs.length == 0) {
                return null;
            }
            @SuppressWarnings("unchecked")
            ServiceObjects<Object> objects = (ServiceObjects<Object>) context.getServiceObjects(refs[0]);
            if (objects == null) {
                return null;
            }
            Object service = objects.getService();
            try {
                return service == null ? null : service.getClass();
            } finally {
                if (service != null) {
                    objects.ungetService(service);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("service id filter", e);
        }
    }
}
