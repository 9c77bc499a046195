package dev.pergola.identity.internal.karaf;

import java.util.Optional;
import java.util.Set;

/** What the login module asks the platform: is this user/password good, and with which Karaf roles. */
interface ShellAuthenticator {
    /**
     * @param socketAddress the client's socket address as Karaf's {@code ClientPrincipal} carries it
     *                      ({@code /10.0.0.1:4242}), or null when the transport has none
     * @return empty when the credentials are wrong, the account inactive, or the login throttled
     */
    Optional<Set<String>> authenticate(String username, String password, String socketAddress);
}
