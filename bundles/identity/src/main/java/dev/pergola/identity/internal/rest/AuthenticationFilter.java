package dev.pergola.identity.internal.rest;

import java.security.Principal;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.identity.internal.account.Accounts;
import dev.pergola.identity.internal.session.Sessions;
import dev.pergola.identity.internal.store.UserEntity;
import dev.pergola.identity.internal.token.AccessTokens;

/**
 * Turns {@code Authorization: Bearer <access token>} into a {@link PergolaPrincipal} on the request's
 * SecurityContext. A token that is present but bad is refused here (401) whatever the method declares;
 * a request without one stays anonymous and {@link AuthorizationFilter} decides.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName("pergola.authentication")
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {
    private final AccessTokens tokens;
    private final Sessions sessions;
    private final Accounts accounts;

    @Activate
    public AuthenticationFilter(@Reference AccessTokens tokens, @Reference Sessions sessions, @Reference Accounts accounts) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return;
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(ErrorCode.INVALID_TOKEN, "Only 'Authorization: Bearer <token>' is accepted.");
        }
        AccessTokens.Claims claims = tokens.verify(authorization.substring(7).trim());
        if (claims.sessionId() == null || !sessions.isActive(claims.sessionId())) {
            throw new ApiException(ErrorCode.INVALID_TOKEN, "The session of this token has ended; log in again.");
        }
        UserEntity user = accounts.findById(claims.userId()).filter(UserEntity::isActive)
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_TOKEN, "The account is no longer active."));
        PergolaPrincipal principal = new PergolaPrincipal(user.id, user.username,
                accounts.effectivePermissions(user.id), claims.sessionId());
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String permission) {
                return principal.hasPermission(permission);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }
}
