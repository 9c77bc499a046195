package dev.pergola.identity.internal.client;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;

/**
 * Carries a request's client address to a JAAS login that runs on the same thread (the web console's login
 * happens inside the servlet call, and JAAS passes no request). Always set in a try-with-resources.
 */
@Component(service = LoginOrigins.class)
public class LoginOrigins {
    private final ThreadLocal<ClientAddress> current = new ThreadLocal<>();

    /** Publishes the address until the returned scope is closed. */
    public Scope enter(ClientAddress address) {
        ClientAddress previous = current.get();
        current.set(address);
        return () -> {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        };
    }

    public Optional<ClientAddress> current() {
        return Optional.ofNullable(current.get());
    }

    /** Restores what was there before; never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
