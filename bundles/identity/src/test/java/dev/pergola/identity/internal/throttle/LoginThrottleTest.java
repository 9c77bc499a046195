package dev.pergola.identity.internal.throttle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.identity.internal.token.AuthConfig;

public class LoginThrottleTest {
    private final List<String> topics = new ArrayList<>();

    @Test
    public void anAttemptThatTurnsTheDelayIntoALockAnnouncesTheLocksWait() {
        LoginThrottle throttle = new LoginThrottle(events(), config(Map.of("lockout_free_attempts", 5,
                "lockout_after", 10, "lockout_seconds", 60)));
        for (int i = 0; i < 6; i++) {
            throttle.checkAllowed("ann", "10.0.0.1");
            throttle.recordFailure("ann", "10.0.0.1");
        }
        ApiException last = null;
        for (int i = 0; i < 4; i++) { // each attempt during the delay counts: the 10th failure locks
            try {
                throttle.checkAllowed("ann", "10.0.0.1");
                fail("allowed during the delay");
            } catch (ApiException e) {
                last = e;
            }
        }
        assertEquals(ErrorCode.TOO_MANY_ATTEMPTS, last.code());
        assertTrue(last.getMessage(), last.getMessage().contains("locked"));
        assertEquals("60", last.headers().get("Retry-After"));
        assertTrue(topics.toString(), topics.contains(LoginThrottle.LOCKED));
    }

    private EventAdmin events() {
        return new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                topics.add(event.getTopic());
            }

            @Override
            public void sendEvent(Event event) {
                topics.add(event.getTopic());
            }
        };
    }

    /** The configuration with some values set, the rest at their declared defaults. */
    private static AuthConfig config(Map<String, Object> values) {
        return (AuthConfig) Proxy.newProxyInstance(AuthConfig.class.getClassLoader(), new Class<?>[] {AuthConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue());
    }
}
