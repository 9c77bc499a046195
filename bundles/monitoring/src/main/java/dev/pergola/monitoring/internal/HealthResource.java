package dev.pergola.monitoring.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.annotation.security.PermitAll;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.rest.PergolaApplication;

/**
 * {@code /api/health}: every check, 200 when all are UP, else 503 with each check's detail.
 * {@code /api/health/ready}: the checks tagged {@code ready}. {@code /api/health/live}: the platform answers.
 * Public by design: load balancers and orchestrators call these without credentials.
 */
@Component(service = HealthResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class HealthResource {
    private final List<Registered> checks = new CopyOnWriteArrayList<>();

    private record Registered(HealthCheck check, String name, List<String> tags) {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCheck(HealthCheck check, Map<String, Object> props) {
        checks.add(new Registered(check, String.valueOf(props.getOrDefault("pergola.health.name",
                "service-" + props.get("service.id"))), tags(props.get("pergola.health.tags"))));
    }

    void removeCheck(HealthCheck check) {
        checks.removeIf(r -> r.check() == check);
    }

    @GET
    public Response all() {
        return answer(checks.stream().map(r -> new HealthReport.Named(r.name(), r.check())).toList());
    }

    @GET
    @Path("ready")
    public Response ready() {
        return answer(checks.stream().filter(r -> r.tags().contains("ready"))
                .map(r -> new HealthReport.Named(r.name(), r.check())).toList());
    }

    @GET
    @Path("live")
    public Map<String, Object> live() {
        return Map.of("status", "UP");
    }

    private static Response answer(List<HealthReport.Named> selected) {
        Map<String, Object> report = HealthReport.run(selected);
        return Response.status(HealthReport.isUp(report) ? 200 : 503).type(MediaType.APPLICATION_JSON)
                .entity(report).build();
    }

    private static List<String> tags(Object value) {
        if (value instanceof String[] array) {
            return Arrays.asList(array);
        }
        return value == null ? List.of() : List.of(value.toString());
    }
}
