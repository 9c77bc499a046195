package dev.pergola.identity.internal.karaf;

import java.util.Optional;
import java.util.Set;

/** What the login module asks the platform: is this user/password good, and with which Karaf roles. */
interface ShellAuthenticator {
    /** Empty when the credentials are wrong, the account inactive, or the login throttled. */
    Optional<Set<String>> authenticate(String username, String password);
}
