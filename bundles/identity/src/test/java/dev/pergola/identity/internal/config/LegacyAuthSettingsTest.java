package dev.pergola.identity.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.pergola.identity.internal.session.Sessions;
import dev.pergola.identity.internal.throttle.LoginThrottle;
import dev.pergola.identity.internal.token.AccessTokens;

public class LegacyAuthSettingsTest {
    private final Map<String, Dictionary<String, Object>> stored = new HashMap<>();

    @Test
    public void eachOldSettingMovesToTheComponentThatOwnsIt() {
        stored.put(LoginThrottle.PID, new Hashtable<>(Map.of("lockout.after", 99, "login.tracked.keys", 5000)));
        new LegacyAuthSettings(admin(), Map.of("lockout.seconds", "5", "lockout.after", "10",
                "access.token.ttl.seconds", "60", "component.name", "ignored"));

        assertEquals("5", stored.get(LoginThrottle.PID).get("lockout.seconds"));
        assertEquals("the old file wins while it exists", "10", stored.get(LoginThrottle.PID).get("lockout.after"));
        assertEquals("what only the new file says stays", 5000, stored.get(LoginThrottle.PID).get("login.tracked.keys"));
        assertEquals("60", stored.get(AccessTokens.PID).get("access.token.ttl.seconds"));
        assertNull(stored.get(AccessTokens.PID).get("lockout.seconds"));
        assertFalse("nothing to move: no configuration made", stored.containsKey(Sessions.PID));
    }

    @Test
    public void keysFollowTheDsNamingOfTypedConfigurations() {
        assertTrue(LegacyAuthSettings.keysOf(dev.pergola.identity.internal.throttle.ThrottleConfig.class)
                .contains("login.concurrent.hashes"));
    }

    private ConfigurationAdmin admin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConfiguration")) {
                        return configuration((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private Configuration configuration(String pid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getProperties" -> stored.get(pid);
                    case "updateIfDifferent" -> {
                        stored.put(pid, (Dictionary<String, Object>) args[0]);
                        yield true;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
