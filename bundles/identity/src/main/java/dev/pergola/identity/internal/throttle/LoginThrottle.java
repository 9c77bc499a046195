package dev.pergola.identity.internal.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.audit.AuditActor;
import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.Outcome;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.EventTypes;
import dev.pergola.identity.internal.audit.IdentityAudit;
import dev.pergola.identity.internal.cache.LruMap;
import dev.pergola.identity.internal.client.ClientAddress;

/**
 * The one brute-force protection of every password check (REST login, browser session, SSH, {@code bin/client},
 * the web console). Counts failures per account name (known or not, so it reveals nothing), per client address,
 * and per pair of both; reserves each attempt before its password is hashed; caps the hashes running at once.
 * <p>
 * A lock must not be a weapon: while an account waits because of failures from elsewhere, an address with no
 * failure against it may still try, and only a right password gets in; its wrong password counts against the
 * address and the pair, never lengthens the account's wait. A refused attempt counts for nothing.
 * Locks and the end of locks are recorded in the audit trail ({@code auth.locked}, {@code auth.unlocked}), and so
 * posted as those platform events.
 */
@Component(service = LoginThrottle.class, configurationPid = LoginThrottle.PID)
@Designate(ocd = ThrottleConfig.class)
public class LoginThrottle {
    public static final String PID = "dev.pergola.auth.throttle";
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private final IdentityAudit audit;
    private final Clock clock;
    private final LruMap<String, AttemptCounter> accounts;
    private final LruMap<String, AttemptCounter> addresses;
    private final LruMap<String, AttemptCounter> pairs;
    private final HashPermits permits;
    private volatile LockPolicy accountPolicy;
    private volatile LockPolicy addressPolicy;
    private volatile LockPolicy pairPolicy;

    @Activate
    public LoginThrottle(@Reference IdentityAudit audit, ThrottleConfig config) {
        this(audit, config, Clock.systemUTC());
    }

    LoginThrottle(IdentityAudit audit, ThrottleConfig config, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        int tracked = trackedKeys(config);
        this.accounts = new LruMap<>(tracked);
        this.addresses = new LruMap<>(tracked);
        this.pairs = new LruMap<>(tracked);
        this.permits = new HashPermits(concurrentHashes(config));
        configure(config);
    }

    /** New limits apply at once; counters, locks and attempts in flight are kept. */
    @Modified
    void configure(ThrottleConfig config) {
        Duration lockFor = Duration.ofSeconds(config.lockout_seconds());
        accountPolicy = new LockPolicy(config.lockout_free_attempts(), config.lockout_after(), lockFor, lockFor);
        addressPolicy = new LockPolicy(config.lockout_address_free_attempts(), config.lockout_address_after(), lockFor,
                lockFor);
        pairPolicy = LockPolicy.countOnly(lockFor);
        int tracked = trackedKeys(config);
        accounts.resize(tracked);
        addresses.resize(tracked);
        pairs.resize(tracked);
        permits.resize(concurrentHashes(config));
    }

    /**
     * Checks a password under the protection: {@code check} runs only if admitted and holds a hash permit while
     * it runs; an empty result is a failed login.
     *
     * @throws PergolaException 429 TOO_MANY_ATTEMPTS with {@code Retry-After} while the account or address must wait;
     *                      503 SERVICE_UNAVAILABLE with {@code Retry-After} when every hash permit is taken
     */
    public <T> Optional<T> attempt(String login, ClientAddress address, Supplier<Optional<T>> check) {
        try (LoginAttempt attempt = begin(login, address)) {
            Optional<T> result = check.get();
            if (result.isPresent()) {
                attempt.succeeded();
            } else {
                attempt.failed();
            }
            return result;
        }
    }

    /** Admits one attempt (see {@link #attempt}); the caller settles and closes it. */
    public LoginAttempt begin(String login, ClientAddress address) {
        Instant now = clock.instant();
        String accountKey = key(login);
        String addressKey = address == null ? null : address.key();
        LoginAttempt.Counted client = counted(addresses, "address", addressKey, now);
        if (client != null) {
            AttemptCounter.Verdict verdict = client.counter().reserve(addressPolicy, now);
            if (!verdict.allowed()) {
                throw tooMany(verdict);
            }
        }
        LoginAttempt.Counted account = counted(accounts, "account", accountKey, now);
        LoginAttempt.Counted pair = accountKey == null || addressKey == null ? null
                : new LoginAttempt.Counted(pairs.computeIfAbsent(accountKey + '\n' + addressKey, k -> new AttemptCounter()),
                        "pair", accountKey);
        LoginAttempt.Mode mode = LoginAttempt.Mode.NORMAL;
        if (account != null) {
            AttemptCounter.Verdict verdict = account.counter().reserve(accountPolicy, now);
            if (!verdict.allowed()) {
                // a wait earned by failures from elsewhere does not stop a clean address; a busy account does
                if (!verdict.busy() && pair != null && pair.counter().reserveIfClean(pairPolicy, now)) {
                    mode = LoginAttempt.Mode.ONLY_IF_RIGHT;
                } else {
                    release(client);
                    throw tooMany(verdict);
                }
            } else if (pair != null) {
                pair.counter().reserve(pairPolicy, now);
            }
        } else if (pair != null) {
            pair.counter().reserve(pairPolicy, now);
        }
        Semaphore permit = permits.tryAcquire();
        LoginAttempt attempt = new LoginAttempt(this, mode, account, client, pair, permit);
        if (permit == null) {
            attempt.close();
            throw PergolaException.unavailable("Too many sign-ins in progress; retry in a moment.",
                    Duration.ofSeconds(1));
        }
        return attempt;
    }

    /** Clears an account's failures and lock (its owner proved control, e.g. by resetting the password). */
    public void recordSuccess(String login) {
        String key = key(login);
        AttemptCounter counter = key == null ? null : accounts.get(key);
        if (counter != null) {
            counter.succeed();
        }
    }

    int trackedAccounts() {
        return accounts.size();
    }

    int hashPermits() {
        return permits.size();
    }

    LockPolicy accountPolicy() {
        return accountPolicy;
    }

    LockPolicy addressPolicy() {
        return addressPolicy;
    }

    LockPolicy pairPolicy() {
        return pairPolicy;
    }

    void failed(LoginAttempt.Counted counted, LockPolicy policy) {
        if (counted != null && counted.counter().fail(policy, clock.instant()) && !"pair".equals(counted.kind())) {
            LOG.warn("Login locked for {} {} after repeated failures", counted.kind(), printable(counted.key()));
            record(EventTypes.AUTH_LOCKED, counted.kind(), counted.key(), counted.counter().blockedUntil());
        }
    }

    private LoginAttempt.Counted counted(LruMap<String, AttemptCounter> counters, String kind, String key, Instant now) {
        if (key == null) {
            return null;
        }
        AttemptCounter counter = counters.computeIfAbsent(key, k -> new AttemptCounter());
        if (counter.expireLock(now)) {
            record(EventTypes.AUTH_UNLOCKED, kind, key, null);
        }
        return new LoginAttempt.Counted(counter, kind, key);
    }

    private static void release(LoginAttempt.Counted counted) {
        if (counted != null) {
            counted.counter().release();
        }
    }

    private static PergolaException tooMany(AttemptCounter.Verdict verdict) {
        long seconds = Math.max(1, (verdict.retryAfter().toMillis() + 999) / 1000);
        return new PergolaException(PergolaException.TOO_MANY_ATTEMPTS, (verdict.locked()
                ? "Too many failed logins: locked" : "Too many failed logins: wait") + " " + seconds + " s.",
                Map.of(), Map.of("retry_after", seconds), Duration.ofSeconds(seconds), null);
    }

    /**
     * A lock starting or ending. The lock is already decided: a failure to
     * record it is logged and the login goes on as it would.
     */
    private void record(String action, String scope, String key, Instant until) {
        boolean account = "account".equals(scope);
        boolean locked = EventTypes.AUTH_LOCKED.equals(action);
        // a lock is earned by the caller failing (the request's origin names them); its end is the platform's doing
        audit.factQuietly(AuditEntry.of(action).withOutcome(locked ? Outcome.DENIED : Outcome.SUCCESS)
                .withActor(locked ? null : AuditActor.PLATFORM)
                .withTarget(account ? "user" : "address", null, printable(key))
                .withDetail("scope", scope)
                .withDetail(account ? "username" : "address", printable(key))
                .withDetail("until", until == null ? null : until.toString()));
    }

    private static int trackedKeys(ThrottleConfig config) {
        return Math.max(1000, config.login_tracked_keys());
    }

    private static int concurrentHashes(ThrottleConfig config) {
        int configured = config.login_concurrent_hashes();
        // half the processors: a flood of logins never takes the cores the API needs
        return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Log lines never carry a caller's control characters (no forged lines). */
    static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    private static String key(String login) {
        return login == null || login.isBlank() ? null : login.trim().toLowerCase(Locale.ROOT);
    }
}
