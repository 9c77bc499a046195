package dev.pergola.identity.internal.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.identity.internal.token.AuthConfig;

/**
 * Brute-force protection, on by default: per account name (known or not, so it reveals nothing) and per
 * client address. A throttled attempt is refused before any password is checked. Locks and unlocks are
 * published on Event Admin ({@value #LOCKED}, {@value #UNLOCKED}).
 */
@Component(service = LoginThrottle.class, configurationPid = "dev.pergola.auth")
public class LoginThrottle {
    public static final String LOCKED = "dev/pergola/auth/LOCKED";
    public static final String UNLOCKED = "dev/pergola/auth/UNLOCKED";
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int MAX_TRACKED = 100_000;

    private final EventAdmin events;
    private final Map<String, AttemptCounter> accounts = new ConcurrentHashMap<>();
    private final Map<String, AttemptCounter> addresses = new ConcurrentHashMap<>();
    private final Supplier<AttemptCounter> accountCounter;
    private final Supplier<AttemptCounter> addressCounter;

    @Activate
    public LoginThrottle(@Reference EventAdmin events, AuthConfig config) {
        this.events = events;
        Duration lockFor = Duration.ofSeconds(config.lockout_seconds());
        Duration window = lockFor;
        this.accountCounter = () -> new AttemptCounter(config.lockout_free_attempts(), config.lockout_after(), lockFor, window);
        this.addressCounter = () -> new AttemptCounter(config.lockout_address_free_attempts(),
                config.lockout_address_after(), lockFor, window);
    }

    /**
     * A caller who keeps trying while told to wait counts those attempts as failures too (unevaluated), so a
     * hammering client reaches the lock quickly instead of probing once per delay.
     *
     * @throws ApiException 429 TOO_MANY_ATTEMPTS with {@code Retry-After} when either key must wait
     */
    public void checkAllowed(String login, String address) {
        Instant now = Instant.now();
        AttemptCounter.Verdict account = check(accounts, "account", key(login), now);
        AttemptCounter.Verdict client = check(addresses, "address", address, now);
        if (!account.allowed() || !client.allowed()) {
            // an attempt during a delay counts as a failure and may turn the delay into a lock: the wait
            // announced must be the one that now applies
            if (!account.allowed() && !account.locked()) {
                fail(accounts, accountCounter, "account", key(login), now);
                account = check(accounts, "account", key(login), now);
            }
            if (!client.allowed() && !client.locked()) {
                fail(addresses, addressCounter, "address", address, now);
                client = check(addresses, "address", address, now);
            }
            AttemptCounter.Verdict worst = account.retryAfter().compareTo(client.retryAfter()) >= 0 ? account : client;
            long seconds = Math.max(1, (worst.retryAfter().toMillis() + 999) / 1000);
            throw new ApiException(ErrorCode.TOO_MANY_ATTEMPTS, (worst.locked()
                    ? "Too many failed logins: locked" : "Too many failed logins: wait") + " " + seconds + " s.",
                    Map.of(), Map.of("retry_after", seconds)).withHeader("Retry-After", Long.toString(seconds));
        }
    }

    public void recordFailure(String login, String address) {
        Instant now = Instant.now();
        fail(accounts, accountCounter, "account", key(login), now);
        fail(addresses, addressCounter, "address", address, now);
    }

    public void recordSuccess(String login) {
        AttemptCounter counter = accounts.get(key(login));
        if (counter != null) {
            counter.succeed();
        }
    }

    private AttemptCounter.Verdict check(Map<String, AttemptCounter> counters, String kind, String key, Instant now) {
        AttemptCounter counter = key == null ? null : counters.get(key);
        if (counter == null) {
            return new AttemptCounter.Verdict(true, Duration.ZERO, false);
        }
        if (counter.expireLock(now)) {
            publish(UNLOCKED, kind, key, now);
        }
        return counter.check(now);
    }

    private void fail(Map<String, AttemptCounter> counters, Supplier<AttemptCounter> factory, String kind, String key,
            Instant now) {
        if (key == null) {
            return;
        }
        if (counters.size() > MAX_TRACKED) {
            counters.clear(); // bounded memory under a flood of random names; locks restart, never leak
        }
        if (counters.computeIfAbsent(key, k -> factory.get()).fail(now)) {
            LOG.warn("Login locked for {} {} after repeated failures", kind, key);
            publish(LOCKED, kind, key, now);
        }
    }

    private void publish(String topic, String kind, String key, Instant at) {
        events.postEvent(new Event(topic, Map.of("kind", kind, "key", key, "timestamp", at.toString())));
    }

    private static String key(String login) {
        return login == null ? null : login.trim().toLowerCase(Locale.ROOT);
    }
}
