/** Health checks: plugins and core bundles register {@link dev.pergola.api.health.HealthCheck} services. */
@Version("1.1.0")
@Export
package dev.pergola.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
