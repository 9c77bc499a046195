/**
 * The platform's domain failure: what services (platform and plugin) throw when a request cannot be done.
 * No HTTP here; the REST bundle alone turns a {@link dev.pergola.api.errors.PergolaException} into a status and
 * the error envelope, the shell into a failed command.
 */
@Version("1.0.0")
@Export
package dev.pergola.api.errors;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
