/**
 * Protecting secrets the platform must keep: {@link dev.pergola.api.security.SecretBox} encrypts values
 * stored in the database with a key kept outside it, so reading the database alone reveals nothing.
 */
@Version("1.0.0")
@Export
package dev.pergola.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
