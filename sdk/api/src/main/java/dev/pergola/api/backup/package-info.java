/**
 * Hooks into backup verification and restore. Core capabilities and plugins register these as services
 * (whiteboard); the backup capability calls them.
 */
@Version("1.0.0")
@Export
package dev.pergola.api.backup;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
