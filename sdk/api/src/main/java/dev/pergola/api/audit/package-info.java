/**
 * The audit trail: one record per change (who, through which channel, what, before and after, outcome, from where),
 * append-only and hash-chained. Every sealed record is also the platform event of the same name
 * ({@link dev.pergola.api.events}), so recording a change is how it is announced.
 *
 * <p>Platform services and plugins call {@link dev.pergola.api.audit.AuditTrail#record(java.sql.Connection,
 * dev.pergola.api.audit.AuditEntry)} inside the transaction that makes the change: the record commits or rolls back
 * with it, and nothing is acknowledged without its record.
 */
@Version("1.0.0")
@Export
package dev.pergola.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
