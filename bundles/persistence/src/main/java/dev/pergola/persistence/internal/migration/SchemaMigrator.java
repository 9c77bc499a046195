package dev.pergola.persistence.internal.migration;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies one owner's migration scripts with Flyway. Every owner (bundle) keeps its own history table,
 * so bundles version their schemas independently and share one database schema.
 */
final class SchemaMigrator {

    record Outcome(String owner, String historyTable, String version, int applied) {
    }

    private SchemaMigrator() {
    }

    static Outcome migrate(DataSource dataSource, String owner, List<SqlScript> scripts) {
        return migrate(dataSource, owner, scripts, null);
    }

    /** Applies the scripts up to and including {@code upToVersion} ({@code null}: all of them). */
    static Outcome migrate(DataSource dataSource, String owner, List<SqlScript> scripts, String upToVersion) {
        String table = historyTable(owner);
        FluentConfiguration configuration = Flyway.configure(Flyway.class.getClassLoader())
                .dataSource(dataSource)
                .table(table)
                .resourceProvider(new ScriptResources(scripts))
                .javaMigrationClassProvider(List::of)
                // the shared schema already holds other owners' tables: start this owner's history at 0
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .validateMigrationNaming(true)
                .cleanDisabled(true);
        if (upToVersion != null) {
            configuration.target(MigrationVersion.fromVersion(upToVersion));
        }
        Flyway flyway = configuration.load();
        // H2 cannot roll DDL back, so a failed script stays recorded as failed; once the owner ships a fixed
        // script, drop that record so the retry runs it (PostgreSQL rolls the failed script back entirely).
        if (Arrays.stream(flyway.info().all()).anyMatch(m -> m.getState() == MigrationState.FAILED)) {
            flyway.repair();
        }
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        return new Outcome(owner, table, current == null ? "0" : current.getVersion().getVersion(),
                result.migrationsExecuted);
    }

    /** {@code dev.pergola.persistence} → {@code schema_history_dev_pergola_persistence}, at most 63 characters. */
    static String historyTable(String owner) {
        String name = "schema_history_" + owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return name.length() <= 63 ? name : name.substring(0, 63);
    }
}
