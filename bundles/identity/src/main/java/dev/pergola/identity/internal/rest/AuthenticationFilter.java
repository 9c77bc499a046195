package dev.pergola.identity.internal.rest;

import java.security.Principal;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Cookie;
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
import dev.pergola.identity.internal.apikey.ApiKeys;
import dev.pergola.identity.internal.session.CsrfTokens;
import dev.pergola.identity.internal.session.Sessions;
import dev.pergola.identity.internal.account.UserDto;
import dev.pergola.identity.internal.token.AccessTokens;
import dev.pergola.identity.internal.token.SessionBinding;

/**
 * Turns {@code Authorization: Bearer <access token>}, or an API key ({@code X-API-Key: pgl_…} or
 * {@code Authorization: Bearer pgl_…}), into a {@link PergolaPrincipal} on the request's
 * SecurityContext. A token that is present but bad is refused here (401) whatever the method declares;
 * a request without one stays anonymous and {@link AuthorizationFilter} decides. Browsers use a session
 * cookie plus a CSRF token instead ({@link BrowserSession}).
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
    private final ApiKeys apiKeys;

    static final String API_KEY_HEADER = "X-API-Key";

    @Activate
    public AuthenticationFilter(@Reference AccessTokens tokens, @Reference Sessions sessions, @Reference Accounts accounts,
            @Reference ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
        this.tokens = tokens;
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String apiKey = request.getHeaderString(API_KEY_HEADER);
        if (authorization == null && apiKey == null) {
            authenticateCookie(request);
            return;
        }
        if (authorization != null && !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(ErrorCode.INVALID_TOKEN, "Only 'Authorization: Bearer <token>' is accepted.");
        }
        String bearer = authorization == null ? null : authorization.substring(7).trim();
        if (apiKey != null || bearer.startsWith(ApiKeys.PREFIX)) {
            ApiKeys.Identity identity = apiKeys.authenticate(apiKey != null ? apiKey.trim() : bearer)
                    .orElseThrow(() -> new ApiException(ErrorCode.INVALID_TOKEN, "The API key is not valid."));
            UserDto owner = accounts.findActive(identity.userId())
                    .orElseThrow(() -> new ApiException(ErrorCode.INVALID_TOKEN, "The key's account is no longer active."));
            install(request, PergolaPrincipal.apiKey(owner.id(), owner.username(), identity.permissions(), identity.keyId()),
                    "ApiKey");
            return;
        }
        AccessTokens.Claims claims = tokens.verify(bearer);
        SessionBinding.require(claims, sessions::activeOwner);
        UserDto user = accounts.findActive(claims.userId())
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_TOKEN, "The account is no longer active."));
        install(request, new PergolaPrincipal(user.id(), user.username(), accounts.effectivePermissions(user.id()),
                claims.sessionId()), "Bearer");
    }

    /**
     * A browser session: the HttpOnly cookie names the session, the X-CSRF-Token header proves the request
     * comes from our own pages. A cookie of an ended session counts as no credentials at all, so signing in
     * again works; a live cookie without the right CSRF token is refused.
     */
    private void authenticateCookie(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(BrowserSession.SESSION_COOKIE);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
            return;
        }
        Sessions.CookieSession session = sessions.byCookie(cookie.getValue()).orElse(null);
        if (session == null) {
            return;
        }
        if (!CsrfTokens.matches(cookie.getValue(), request.getHeaderString(BrowserSession.CSRF_HEADER))) {
            throw new ApiException(ErrorCode.CSRF_TOKEN_INVALID, "Requests signed in by cookie must carry the "
                    + BrowserSession.CSRF_HEADER + " header with the session's CSRF token.");
        }
        UserDto user = accounts.findActive(session.userId()).orElse(null);
        if (user == null) {
            return;
        }
        install(request, new PergolaPrincipal(user.id(), user.username(), accounts.effectivePermissions(user.id()),
                session.id()), BrowserSession.SCHEME);
    }

    private static void install(ContainerRequestContext request, PergolaPrincipal principal, String scheme) {
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
                return scheme;
            }
        });
    }
}
