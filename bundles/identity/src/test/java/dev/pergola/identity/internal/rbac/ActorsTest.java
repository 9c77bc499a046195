package dev.pergola.identity.internal.rbac;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.Test;

import dev.pergola.api.errors.PergolaException;

public class ActorsTest {
    private static Subject subject(String user, String... roles) {
        Subject s = new Subject();
        s.getPrincipals().add(new UserPrincipal(user));
        for (String r : roles) {
            s.getPrincipals().add(new RolePrincipal(r));
        }
        return s;
    }

    @Test
    public void onlyTheMachinesOwnConsoleIsTheLocalOperator() {
        assertTrue(Actors.isLocalConsole(subject("karaf", "admin", "manager"), "karaf", "karaf"));
        assertFalse("another name", Actors.isLocalConsole(subject("eve", "admin"), "eve", "karaf"));
        assertFalse("no admin role", Actors.isLocalConsole(subject("karaf", "viewer"), "karaf", "karaf"));
        Subject overSsh = subject("karaf", "admin");
        overSsh.getPrincipals().add(new ClientPrincipal("ssh", "127.0.0.1:50000"));
        assertFalse("a remote client", Actors.isLocalConsole(overSsh, "karaf", "karaf"));
    }

    @Test
    public void aCommandWithoutASignedInOperatorIsRefused() {
        Actors actors = new Actors(null);
        PergolaException none = assertThrows(PergolaException.class, () -> actors.operator(null, "karaf"));
        assertEquals("PERMISSION_DENIED", none.code());
        PergolaException anonymous = assertThrows(PergolaException.class, () -> actors.operator(new Subject(), "karaf"));
        assertEquals("PERMISSION_DENIED", anonymous.code());
    }
}
