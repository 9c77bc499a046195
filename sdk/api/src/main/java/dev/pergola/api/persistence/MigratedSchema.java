package dev.pergola.api.persistence;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered by the platform, on behalf of a bundle, once that bundle's schema migrations have been
 * applied. A bundle declares its migrations with the manifest header {@value #HEADER} naming a
 * folder of Flyway-style SQL scripts ({@code V1__create_things.sql}, {@code V2__…}). Components
 * that need the tables reference this service filtered on their own bundle:
 * {@code @Reference(target = "(pergola.schema.owner=my.bundle.symbolic.name)") MigratedSchema schema}.
 * Each bundle has its own migration history, so bundles evolve their schemas independently.
 */
@ProviderType
public interface MigratedSchema {
    /** Manifest header naming the bundle folder with migration scripts, e.g. {@code db/migration}. */
    String HEADER = "Pergola-Migrations";
    /** Service property: the symbolic name of the bundle that owns the schema. */
    String OWNER = "pergola.schema.owner";

    /** Symbolic name of the owning bundle. */
    String owner();

    /** The version of the newest applied migration, e.g. {@code 2}. */
    String version();

    /** Name of the table that records this bundle's applied migrations. */
    String historyTable();
}
