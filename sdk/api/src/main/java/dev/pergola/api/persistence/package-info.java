/** Database access conventions: the shared DataSource, per-bundle schema migrations and database facts. */
@Version("1.2.0")
@Export
package dev.pergola.api.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
