package dev.pergola.identity.internal.throttle;

import java.util.concurrent.Semaphore;

/**
 * One login attempt admitted by {@link LoginThrottle#begin}: its reservations and its hash permit are held
 * until it is settled with {@link #succeeded()} or {@link #failed()} and closed. Closing an unsettled attempt
 * (the check threw) gives everything back without counting it.
 */
public final class LoginAttempt implements AutoCloseable {
    /** {@code ONLY_IF_RIGHT}: the account waits out failures from elsewhere; this clean address may still try. */
    enum Mode { NORMAL, ONLY_IF_RIGHT }

    private final LoginThrottle throttle;
    private final Mode mode;
    private final Counted account;
    private final Counted address;
    private final Counted pair;
    private Semaphore permit;
    private boolean settled;

    /** A counter with the key and kind its events are published under (null counter: not counted). */
    record Counted(AttemptCounter counter, String kind, String key) {
    }

    LoginAttempt(LoginThrottle throttle, Mode mode, Counted account, Counted address, Counted pair, Semaphore permit) {
        this.throttle = throttle;
        this.mode = mode;
        this.account = account;
        this.address = address;
        this.pair = pair;
        this.permit = permit;
    }

    /** Whether this attempt runs under another address's lock of the account (it then cannot extend it). */
    public boolean bypassesAccountWait() {
        return mode == Mode.ONLY_IF_RIGHT;
    }

    public synchronized void succeeded() {
        settle();
        if (address != null) {
            address.counter().release();
        }
        if (account != null && mode == Mode.NORMAL) {
            account.counter().succeed();
        }
        if (pair != null) {
            pair.counter().succeed();
        }
    }

    public synchronized void failed() {
        settle();
        throttle.failed(address, throttle.addressPolicy());
        if (mode == Mode.NORMAL) {
            throttle.failed(account, throttle.accountPolicy());
        }
        throttle.failed(pair, throttle.pairPolicy());
    }

    @Override
    public synchronized void close() {
        if (!settled) {
            settled = true;
            for (Counted c : new Counted[] {address, mode == Mode.NORMAL ? account : null, pair}) {
                if (c != null) {
                    c.counter().release();
                }
            }
        }
        if (permit != null) {
            permit.release();
            permit = null;
        }
    }

    private void settle() {
        if (settled) {
            throw new IllegalStateException("This login attempt is already settled");
        }
        settled = true;
    }
}
