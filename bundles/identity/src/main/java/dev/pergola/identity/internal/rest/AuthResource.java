package dev.pergola.identity.internal.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.audit.AuditActor;
import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.Outcome;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.identity.internal.account.Accounts;
import dev.pergola.identity.internal.account.PasswordResets;
import dev.pergola.identity.internal.account.UserDirectory;
import dev.pergola.identity.internal.audit.IdentityAudit;
import dev.pergola.identity.internal.client.ClientAddress;
import dev.pergola.identity.internal.client.ClientAddresses;
import dev.pergola.identity.internal.session.CsrfTokens;
import dev.pergola.identity.internal.session.Sessions;
import dev.pergola.identity.internal.account.UserDto;
import dev.pergola.identity.internal.store.Columns;
import dev.pergola.identity.internal.throttle.LoginThrottle;
import dev.pergola.identity.internal.token.AccessTokens;
import dev.pergola.identity.internal.token.SigningKeys;

/**
 * {@code /api/v1/auth}: login (bearer tokens, or a browser session cookie), token refresh with rotation, logout,
 * the caller's identity, self-registration, password reset by email, and the JWKS.
 */
@Component(service = AuthResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final Accounts accounts;
    private final Sessions sessions;
    private final AccessTokens tokens;
    private final SigningKeys keys;
    private final LoginThrottle throttle;
    private final UserDirectory users;
    private final PasswordResets resets;
    private final ClientAddresses clientAddresses;
    private final IdentityAudit audit;

    @Context
    private HttpServletRequest http;

    public static final class LoginRequest {
        public String username;
        public String email;
        public String password;
    }

    public static final class RefreshRequest {
        public String refreshToken;
    }

    public static final class RegisterRequest {
        public String username;
        public String email;
        public String password;
    }

    public static final class ForgotPasswordRequest {
        public String email;
    }

    public static final class ResetPasswordRequest {
        public String token;
        public String password;
        public String passwordConfirmation;
    }

    @Activate
    public AuthResource(@Reference Accounts accounts, @Reference Sessions sessions, @Reference AccessTokens tokens,
            @Reference SigningKeys keys, @Reference LoginThrottle throttle, @Reference UserDirectory users,
            @Reference PasswordResets resets, @Reference ClientAddresses clientAddresses, @Reference IdentityAudit audit) {
        this.clientAddresses = clientAddresses;
        this.audit = audit;
        this.throttle = throttle;
        this.users = users;
        this.resets = resets;
        this.accounts = accounts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.keys = keys;
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public ApiResponse<Map<String, Object>> login(LoginRequest request) {
        UserDto user = checkCredentials(request);
        Sessions.Opened opened = sessions.open(user.id(), address(), userAgent());
        accounts.recordLogin(user.id());
        loggedIn(user, opened, "token");
        return ApiResponse.of(tokenResponse(user, opened));
    }

    /**
     * Browser sign-in (the admin web UI): the same credentials and protection as {@code login}, but the session
     * travels in an HttpOnly SameSite=Strict cookie and every later request must carry the CSRF token.
     */
    @POST
    @Path("session")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response openBrowserSession(LoginRequest request, @Context SecurityContext security) {
        UserDto user = checkCredentials(request);
        Sessions.Opened opened = sessions.openCookie(user.id(), address(), userAgent());
        accounts.recordLogin(user.id());
        loggedIn(user, opened, "cookie");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("csrf_token", CsrfTokens.forSecret(opened.refreshToken()));
        body.put("expires_at", Timestamps.iso(opened.session().expiresAt()));
        body.put("user", UserView.of(user, accounts.roleNames(user), null));
        Response.ResponseBuilder response = Response.ok(ApiResponse.of(body));
        for (String cookie : BrowserSession.open(opened.refreshToken(), clientAddresses.isSecure(http))) {
            response.header(HttpHeaders.SET_COOKIE, cookie);
        }
        return response.build();
    }

    private UserDto checkCredentials(LoginRequest request) {
        if (request == null || (blank(request.username) && blank(request.email)) || blank(request.password)) {
            throw ApiException.validation(blank(request == null ? null : request.password) ? "password" : "username",
                    "username (or email) and password are required");
        }
        String login = blank(request.username) ? request.email : request.username;
        ClientAddress client = clientAddresses.of(http);
        // 429 while the account or address must wait, 503 when too many hashes run at once
        Optional<UserDto> user = throttle.attempt(login, client, () -> accounts.authenticate(login, request.password));
        if (user.isEmpty()) {
            audit.fact(AuditEntry.of(EventTypes.AUTH_LOGIN_FAILED).withOutcome(Outcome.DENIED)
                    .withDetail("username", login).withDetail("reason", "wrong_credentials"));
            throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "Wrong username or password.");
        }
        return user.get();
    }

    /** {@code auth.login}: the account is the actor (the request had nobody signed in yet). */
    private void loggedIn(UserDto user, Sessions.Opened opened, String sessionKind) {
        audit.fact(AuditEntry.of(EventTypes.AUTH_LOGIN).withActor(AuditActor.user(user.id(), user.username()))
                .withTarget("user", user.id(), user.username()).withDetail("method", "password")
                .withDetail("session_kind", sessionKind).withDetail("session_id", opened.session().id()));
    }

    /** Self-registration; off unless the setting {@code registration.enabled} is on. */
    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response register(RegisterRequest request) {
        if (request == null) {
            throw ApiException.validation("username", "username, email and password are required");
        }
        UserDto user = users.register(request.username, request.email, request.password);
        return Response.status(Response.Status.CREATED)
                .entity(ApiResponse.of(UserView.of(user, accounts.roleNames(user), null))).build();
    }

    /** Always 200 for a well-formed address, whether or not an account has it. */
    @POST
    @Path("forgot-password")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public ApiResponse<Map<String, Object>> forgotPassword(ForgotPasswordRequest request) {
        resets.requestReset(request == null ? null : request.email, RequestLocale.of(http));
        return ApiResponse.of(Map.of("message",
                "If an account uses this address, a link to reset its password is on its way."));
    }

    @POST
    @Path("reset-password")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public ApiResponse<Map<String, Object>> resetPassword(ResetPasswordRequest request) {
        if (request == null) {
            throw ApiException.validation("token", "is required");
        }
        resets.reset(request.token, request.password, request.passwordConfirmation);
        return ApiResponse.of(Map.of("message", "Your password is changed; sign in with it."));
    }

    @POST
    @Path("refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public ApiResponse<Map<String, Object>> refresh(RefreshRequest request) {
        Sessions.Opened opened = sessions.refresh(request == null ? null : request.refreshToken);
        UserDto user = accounts.findById(opened.session().userId()).filter(UserDto::isActive)
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_TOKEN, "The account is no longer active."));
        return ApiResponse.of(tokenResponse(user, opened));
    }

    @POST
    @Path("logout")
    @RolesAllowed("**")
    public Response logout(@Context SecurityContext security) {
        PergolaPrincipal principal = (PergolaPrincipal) security.getUserPrincipal();
        if (principal.sessionId() != null) {
            sessions.logout(principal.sessionId());
        }
        Response.ResponseBuilder response = Response.noContent();
        if (BrowserSession.SCHEME.equals(security.getAuthenticationScheme())) {
            for (String cookie : BrowserSession.clear(clientAddresses.isSecure(http))) {
                response.header(HttpHeaders.SET_COOKIE, cookie);
            }
        }
        return response.build();
    }

    @GET
    @Path("me")
    @RolesAllowed("**")
    public ApiResponse<UserView> me(@Context SecurityContext security) {
        PergolaPrincipal principal = (PergolaPrincipal) security.getUserPrincipal();
        // the authentication filter has just loaded (and cached) this account: no second read
        UserDto user = accounts.findActive(principal.userId())
                .orElseThrow(() -> ApiException.notFound("No such user"));
        return ApiResponse.of(UserView.of(user, accounts.roleNames(user), principal.permissions()));
    }

    /** Signs new tokens with a fresh key; tokens signed before stay valid until they expire. */
    @POST
    @Path("signing-keys/rotate")
    @RolesAllowed("admin.settings.manage")
    public ApiResponse<Map<String, Object>> rotateSigningKey() {
        return ApiResponse.of(Map.of("kid", keys.rotate().getKeyID()));
    }

    @GET
    @Path("jwks")
    @PermitAll
    public Map<String, Object> jwks() {
        return keys.publicJwks().toJSONObject();
    }

    private Map<String, Object> tokenResponse(UserDto user, Sessions.Opened opened) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issue(user.id(), user.username(), opened.session().id()));
        body.put("refresh_token", opened.refreshToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.ttlSeconds());
        body.put("user", UserView.of(user, accounts.roleNames(user), null));
        return body;
    }

    private String address() {
        ClientAddress client = clientAddresses.of(http);
        return client.isKnown() ? client.toString() : null;
    }

    /** Cut to its column: a long header is the client's business, not a reason to fail the login. */
    private String userAgent() {
        String agent = http == null ? null : http.getHeader("User-Agent");
        return agent == null || agent.length() <= Columns.SESSION_USER_AGENT ? agent
                : agent.substring(0, Columns.SESSION_USER_AGENT);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
