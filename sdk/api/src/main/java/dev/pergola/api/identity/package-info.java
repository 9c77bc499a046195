/** Who is calling: the authenticated principal and the permission catalogue of the platform. */
@Version("1.3.0")
@Export
package dev.pergola.api.identity;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
