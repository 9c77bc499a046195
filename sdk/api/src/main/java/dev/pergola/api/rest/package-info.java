/** REST conventions shared by the platform and plugins: the error envelope, response envelope and the platform JAX-RS application. */
@Version("1.3.0")
@Export
package dev.pergola.api.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
