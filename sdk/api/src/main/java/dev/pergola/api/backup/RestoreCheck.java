package dev.pergola.api.backup;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A consistency check run on a database restored from a backup — during verification on a scratch database, after a
 * restore on the platform's own. The audit capability registers one that verifies the hash chain; a plugin may add
 * its own invariants.
 */
@ConsumerType
public interface RestoreCheck {
    /** What a check found: {@code passed} or not, with a one-line explanation. */
    record Result(String name, boolean passed, String detail) {
    }

    /** A short name shown in the verification report, e.g. {@code audit-chain}. */
    String name();

    /** Checks {@code restored}; must only read it. */
    Result check(DataSource restored);
}
