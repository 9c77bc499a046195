package dev.pergola.identity.internal.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.identity.internal.account.Accounts;
import dev.pergola.identity.internal.client.ClientAddress;
import dev.pergola.identity.internal.client.ClientAddresses;
import dev.pergola.identity.internal.account.UserDirectory;
import dev.pergola.identity.internal.account.UserDto;

/**
 * Self-service: {@code /api/v1/profile} (name, contact, bio), {@code /api/v1/profile/password} and
 * {@code /api/v1/preferences} (locale, time zone). Roles, status and username are not fields here, so a
 * request that sends them is refused (422). Changing the profile (the email is where reset links go) or the
 * password needs the owner signed in, never an API key; a new email needs {@code current_password}.
 */
@Component(service = ProfileResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("**")
public class ProfileResource {
    private final UserDirectory users;
    private final Accounts accounts;

    public static final class Profile {
        public String email;
        public String currentPassword;
        public String firstName;
        public String lastName;
        public String phone;
        public String bio;
    }

    public static final class Preferences {
        public String locale;
        public String timezone;
    }

    public static final class PasswordChange {
        public String currentPassword;
        public String password;
        public String passwordConfirmation;
    }

    /** The client, for the login throttle of current-password checks. */
    @Context
    private HttpServletRequest http;

    private final ClientAddresses addresses;

    @Activate
    public ProfileResource(@Reference UserDirectory users, @Reference Accounts accounts,
            @Reference ClientAddresses addresses) {
        this.addresses = addresses;
        this.users = users;
        this.accounts = accounts;
    }

    @GET
    @Path("profile")
    public ApiResponse<UserView> profile(@Context SecurityContext security) {
        UserDto u = users.get(me(security).userId());
        return ApiResponse.of(UserView.of(u, accounts.roleNames(u), null));
    }

    /**
     * An email another account uses gets the same answer as a free one but is not applied, so this endpoint does
     * not tell who has an account (see {@link UserDirectory#updateOwn}).
     */
    @PUT
    @Path("profile")
    @Consumes(MediaType.APPLICATION_JSON)
    @NotForApiKeys
    public ApiResponse<UserView> updateProfile(Profile body, @Context SecurityContext security) {
        Profile b = body == null ? new Profile() : body;
        UserDto u = users.updateOwn(me(security).userId(),
                new UserDirectory.Changes(b.email, b.firstName, b.lastName, b.phone, b.bio, null, null),
                b.currentPassword, address());
        return ApiResponse.of(UserView.of(u, accounts.roleNames(u), null));
    }

    @POST
    @Path("profile/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @NotForApiKeys
    public Response changePassword(PasswordChange body, @Context SecurityContext security) {
        PasswordChange b = body == null ? new PasswordChange() : body;
        PergolaPrincipal me = me(security);
        users.changePassword(me.userId(), b.currentPassword, b.password, b.passwordConfirmation, me.sessionId(),
                address());
        return Response.noContent().build();
    }

    @GET
    @Path("preferences")
    public ApiResponse<Map<String, Object>> preferences(@Context SecurityContext security) {
        return ApiResponse.of(preferences(users.get(me(security).userId())));
    }

    @PUT
    @Path("preferences")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApiResponse<Map<String, Object>> updatePreferences(Preferences body, @Context SecurityContext security) {
        Preferences b = body == null ? new Preferences() : body;
        UserDto u = users.updateOwn(me(security).userId(),
                new UserDirectory.Changes(null, null, null, null, null, b.locale, b.timezone), null, address());
        return ApiResponse.of(preferences(u));
    }

    private static Map<String, Object> preferences(UserDto u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("locale", u.locale());
        m.put("timezone", u.timezone());
        return m;
    }

    private ClientAddress address() {
        return http == null ? ClientAddress.UNKNOWN : addresses.of(http);
    }

    private static PergolaPrincipal me(SecurityContext security) {
        return (PergolaPrincipal) security.getUserPrincipal();
    }
}
