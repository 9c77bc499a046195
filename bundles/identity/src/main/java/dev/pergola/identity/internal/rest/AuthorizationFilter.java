package dev.pergola.identity.internal.rest;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.annotation.Priority;
import javax.annotation.security.DenyAll;
import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.api.rest.PergolaApplication;

/**
 * Deny by default: a method is public only with {@code @PermitAll}; {@code @RolesAllowed} names the
 * permissions of which the caller needs one; {@code @DenyAll} refuses everyone; a method that says
 * nothing (on itself or its class), or {@code @RolesAllowed("**")}, needs an authenticated caller. Method
 * annotations win over class ones. {@link NotForApiKeys} (on the method or its class) refuses API-key callers.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName("pergola.authorization")
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@Priority(Priorities.AUTHORIZATION)
public class AuthorizationFilter implements ContainerRequestFilter {

    @Context
    private ResourceInfo resource;

    /** What a method requires, resolved from its annotations. */
    record Rule(boolean permitAll, boolean denyAll, List<String> anyOf) {
        static Rule of(Method method, Class<?> type) {
            Rule onMethod = from(method.getAnnotation(PermitAll.class), method.getAnnotation(DenyAll.class),
                    method.getAnnotation(RolesAllowed.class));
            if (onMethod != null) {
                return onMethod;
            }
            Rule onClass = from(type.getAnnotation(PermitAll.class), type.getAnnotation(DenyAll.class),
                    type.getAnnotation(RolesAllowed.class));
            return onClass != null ? onClass : new Rule(false, false, List.of());
        }

        private static Rule from(PermitAll permit, DenyAll deny, RolesAllowed roles) {
            if (deny != null) {
                return new Rule(false, true, List.of());
            }
            if (roles != null) {
                // "**": any authenticated caller (as in Jakarta Security)
                return new Rule(false, false, Arrays.stream(roles.value()).filter(r -> !r.equals("**")).toList());
            }
            return permit != null ? new Rule(true, false, List.of()) : null;
        }
    }

    static boolean notForApiKeys(Method method, Class<?> type) {
        return method.isAnnotationPresent(NotForApiKeys.class) || type.isAnnotationPresent(NotForApiKeys.class);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource == null || resource.getResourceMethod() == null) {
            return; // not a resource method (e.g. unknown route): the runtime answers 404
        }
        Rule rule = Rule.of(resource.getResourceMethod(), resource.getResourceClass());
        if (rule.permitAll()) {
            request.setProperty(PergolaApplication.AUTHORIZED_PROPERTY, Boolean.TRUE);
            return;
        }
        PergolaPrincipal principal = request.getSecurityContext() == null ? null
                : request.getSecurityContext().getUserPrincipal() instanceof PergolaPrincipal p ? p : null;
        if (rule.denyAll()) {
            throw new ApiException(ErrorCode.PERMISSION_DENIED, "This operation is not available to anyone.");
        }
        if (principal == null) {
            throw new ApiException(ErrorCode.AUTHENTICATION_REQUIRED,
                    "Authentication required: send 'Authorization: Bearer <access token>'.");
        }
        if (principal.viaApiKey() && notForApiKeys(resource.getResourceMethod(), resource.getResourceClass())) {
            throw new ApiException(ErrorCode.PERMISSION_DENIED,
                    "This operation is not available to API keys; sign in as the account's owner.");
        }
        if (!rule.anyOf().isEmpty() && rule.anyOf().stream().noneMatch(principal::hasPermission)) {
            String required = rule.anyOf().size() == 1 ? rule.anyOf().get(0) : String.join(" or ", rule.anyOf());
            request.setProperty(AuditOriginFilter.REQUIRED_PERMISSION, required);
            throw new ApiException(ErrorCode.PERMISSION_DENIED, "You need the permission " + required + ".",
                    Map.of(), Map.of("required_permission", required));
        }
        // the REST base's gate serves nothing this filter has not vouched for (fail closed)
        request.setProperty(PergolaApplication.AUTHORIZED_PROPERTY, Boolean.TRUE);
    }
}
