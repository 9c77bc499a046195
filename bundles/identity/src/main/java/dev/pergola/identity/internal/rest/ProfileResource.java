package dev.pergola.identity.internal.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.annotation.security.RolesAllowed;
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
import dev.pergola.identity.internal.account.UserDirectory;
import dev.pergola.identity.internal.store.UserEntity;

/**
 * Self-service: {@code /api/v1/profile} (name, contact, bio), {@code /api/v1/profile/password} and
 * {@code /api/v1/preferences} (locale, time zone). Roles, status and username are not fields here, so a
 * request that sends them is refused (422).
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

    @Activate
    public ProfileResource(@Reference UserDirectory users, @Reference Accounts accounts) {
        this.users = users;
        this.accounts = accounts;
    }

    @GET
    @Path("profile")
    public ApiResponse<Map<String, Object>> profile(@Context SecurityContext security) {
        UserEntity u = users.get(me(security).userId());
        return ApiResponse.of(UserView.of(u, accounts.roleNames(u), null));
    }

    @PUT
    @Path("profile")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApiResponse<Map<String, Object>> updateProfile(Profile body, @Context SecurityContext security) {
        Profile b = body == null ? new Profile() : body;
        UserEntity u = users.update(me(security).userId(),
                new UserDirectory.Changes(b.email, b.firstName, b.lastName, b.phone, b.bio, null, null));
        return ApiResponse.of(UserView.of(u, accounts.roleNames(u), null));
    }

    @POST
    @Path("profile/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordChange body, @Context SecurityContext security) {
        PasswordChange b = body == null ? new PasswordChange() : body;
        PergolaPrincipal me = me(security);
        users.changePassword(me.userId(), b.currentPassword, b.password, b.passwordConfirmation, me.sessionId());
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
        if (b.timezone != null) {
            try {
                java.time.ZoneId.of(b.timezone);
            } catch (java.time.DateTimeException e) {
                throw dev.pergola.api.rest.ApiException.validation("timezone", "is not a time zone id such as Europe/Paris");
            }
        }
        UserEntity u = users.update(me(security).userId(),
                new UserDirectory.Changes(null, null, null, null, null, b.locale, b.timezone));
        return ApiResponse.of(preferences(u));
    }

    private static Map<String, Object> preferences(UserEntity u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("locale", u.locale);
        m.put("timezone", u.timezone);
        return m;
    }

    private static PergolaPrincipal me(SecurityContext security) {
        return (PergolaPrincipal) security.getUserPrincipal();
    }
}
