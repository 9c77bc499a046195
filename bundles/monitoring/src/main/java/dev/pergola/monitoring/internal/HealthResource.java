package dev.pergola.monitoring.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.annotation.security.PermitAll;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.osgi.service.metatype.annotations.Designate;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.rest.PergolaApplication;

/**
 * {@code /api/health}: every check, 200 when all are UP or WARN, else 503. {@code /api/health/ready}: the checks
 * tagged {@code ready}. {@code /api/health/live}: the platform answers. Public by design (load balancers and
 * orchestrators call these without credentials), so anonymous callers see the statuses and check names only;
 * callers with {@code admin.monitoring.view} also see each check's message and details. Checks run in parallel
 * with a timeout; anonymous probes share results for a short while ({@link CheckExecutor}).
 */
@Component(service = HealthResource.class, configurationPid = "dev.pergola.health")
@Designate(ocd = HealthConfig.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class HealthResource {
    static final String DETAIL_PERMISSION = "admin.monitoring.view";

    private final List<Registered> checks = new CopyOnWriteArrayList<>();
    private final CheckExecutor executor;

    @Context
    private SecurityContext security;

    private record Registered(HealthCheck check, String name, List<String> tags) {
    }

    @Activate
    public HealthResource(HealthConfig config) {
        this.executor = new CheckExecutor(config.timeout_ms(), config.cache_ms());
    }

    @Deactivate
    void deactivate() {
        executor.shutdown();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCheck(HealthCheck check, Map<String, Object> props) {
        checks.add(new Registered(check, String.valueOf(props.getOrDefault("pergola.health.name",
                "service-" + props.get("service.id"))), tags(props.get("pergola.health.tags"))));
    }

    void removeCheck(HealthCheck check) {
        checks.removeIf(r -> r.check() == check);
        executor.forget(check);
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

    private Response answer(List<HealthReport.Named> selected) {
        boolean detailed = security != null && security.getUserPrincipal() != null
                && security.isUserInRole(DETAIL_PERMISSION);
        // probes (anonymous) share recent results; an operator looking at the details sees them as they are now
        Map<String, Object> report = HealthReport.of(executor.run(selected, detailed), detailed);
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
