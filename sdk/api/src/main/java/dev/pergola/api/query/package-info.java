/**
 * List endpoints: one way to page, sort, filter, search and select fields, validated against an
 * allow-list per endpoint ({@link dev.pergola.api.query.ListSpec}) and never concatenated into SQL.
 */
@Version("1.2.0")
@Export
package dev.pergola.api.query;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
