package dev.pergola.rest.internal.maintenance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.junit.Test;

import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.platform.Maintenance;

public class MaintenanceGateTest {
    private static final PergolaPrincipal ADMIN = new PergolaPrincipal("u1", "admin",
            Set.of(Maintenance.BYPASS_PERMISSION), "s1");
    private static final PergolaPrincipal VIEWER = new PergolaPrincipal("u2", "viewer", Set.of("admin.users.view"), "s2");

    private final NodeMaintenance maintenance = new NodeMaintenance();
    private final MaintenanceGate gate = new MaintenanceGate(maintenance);

    @Test
    public void healthStatusAndSigningInAreServedToAnyone() {
        for (String path : new String[] {"health", "/health/ready", "health/live/", "v1/status", "v1/auth/login",
                "v1//auth/refresh", "/v1/auth/logout", "v1/auth/me", "v1/auth/session"}) {
            assertTrue(path, MaintenanceGate.servedAnyway(path, null));
        }
    }

    @Test
    public void everythingElseOnlyToCallersHoldingTheBypassPermission() {
        for (String path : new String[] {"v1/users", "v1/auth/password", "v1/statuses", "healthy/x", "v1/backups/x/restore"}) {
            assertFalse(path, MaintenanceGate.servedAnyway(path, null));
            assertFalse(path, MaintenanceGate.servedAnyway(path, VIEWER));
            assertTrue(path, MaintenanceGate.servedAnyway(path, ADMIN));
        }
    }

    @Test
    public void passesEverythingWhileOff() {
        assertNull(run(gate, "v1/users", null));
    }

    @Test
    public void refusesWith503RetryAfterAndTheEnvelopeWhileOn() {
        try (Maintenance.Handle h = maintenance.enter("restore")) {
            Response refused = run(gate, "v1/users", VIEWER);
            assertEquals(503, refused.getStatus());
            assertEquals(String.valueOf(MaintenanceGate.RETRY_AFTER_SECONDS), refused.getHeaderString("Retry-After"));
            Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) refused.getEntity()).get("error");
            assertEquals("SERVICE_UNAVAILABLE", error.get("code"));
            assertTrue(String.valueOf(error.get("message")).contains("restore"));
            assertEquals("req-1", error.get("request_id"));
            assertNull("an administrator holding the bypass permission is served", run(gate, "v1/users", ADMIN));
            assertNull(run(gate, "v1/auth/login", null));
        }
        assertNull("served again once the handle is closed", run(gate, "v1/users", VIEWER));
    }

    @Test
    public void failsClosedWhenTheStateCannotBeRead() {
        Maintenance broken = new Maintenance() {
            @Override
            public Optional<State> state() {
                throw new IllegalStateException("boom");
            }

            @Override
            public Handle enter(String reason) {
                throw new UnsupportedOperationException();
            }
        };
        assertEquals(503, run(new MaintenanceGate(broken), "v1/users", ADMIN).getStatus());
    }

    /** Runs the gate on a request to {@code path} by {@code caller}; returns the response it aborted with, if any. */
    private static Response run(MaintenanceGate gate, String path, Principal caller) {
        AtomicReference<Response> aborted = new AtomicReference<>();
        UriInfo uri = proxy(UriInfo.class, (name, args) -> name.equals("getPath") ? path : null);
        SecurityContext security = proxy(SecurityContext.class, (name, args) -> name.equals("getUserPrincipal") ? caller
                : name.equals("isUserInRole") ? Boolean.TRUE /* a foreign context must not be trusted */ : null);
        ContainerRequestContext request = proxy(ContainerRequestContext.class, (name, args) -> switch (name) {
            case "getUriInfo" -> uri;
            case "getSecurityContext" -> security;
            case "getHeaderString" -> "req-1";
            case "abortWith" -> {
                aborted.set((Response) args[0]);
                yield null;
            }
            default -> null;
        });
        gate.filter(request);
        return aborted.get();
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, args) -> answer.answer(m.getName(), args)));
    }
}
