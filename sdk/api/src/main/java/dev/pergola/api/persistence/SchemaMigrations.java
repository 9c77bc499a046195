package dev.pergola.api.persistence;

import java.util.Map;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The migration scripts of every started bundle that declares {@link MigratedSchema#HEADER}, applicable to another
 * database than the platform's: a scratch database for a trial restore, or the platform's own database while a
 * backup is restored (schema first at the backup's version, rows loaded, then migrated forward).
 *
 * @since 1.1
 */
@ProviderType
public interface SchemaMigrations {
    /** Owner (bundle symbolic name) → the version of its newest script, for every owner whose scripts are known. */
    Map<String, String> available();

    /**
     * Applies {@code owner}'s scripts to {@code target}, up to and including {@code upToVersion} ({@code null}: all),
     * recording them in the owner's history table there.
     *
     * @return the version the owner's schema in {@code target} is at afterwards
     * @throws IllegalArgumentException for an owner whose scripts are not known
     * @throws IllegalStateException when a script fails (its message names the script)
     */
    String migrate(DataSource target, String owner, String upToVersion);

    /** The name of {@code owner}'s history table (the same in every database). */
    String historyTable(String owner);
}
