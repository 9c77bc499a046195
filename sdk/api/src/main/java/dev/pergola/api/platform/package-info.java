/** Facts about the running platform installation. */
@Version("1.1.0")
@Export
package dev.pergola.api.platform;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
