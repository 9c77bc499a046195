package dev.pergola.persistence.internal.migration;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.api.MigrationVersion;

import dev.pergola.api.persistence.SchemaMigrations;

/**
 * The scripts the extender read from each started bundle, applicable to any database: what a backup restore uses to
 * build a schema at a backup's version on a scratch database or on the platform's own.
 */
final class MigrationCatalogue implements SchemaMigrations {
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");

    private final ConcurrentMap<String, List<SqlScript>> scripts = new ConcurrentHashMap<>();

    void put(String owner, List<SqlScript> ownerScripts) {
        scripts.put(owner, List.copyOf(ownerScripts));
    }

    void remove(String owner) {
        scripts.remove(owner);
    }

    @Override
    public Map<String, String> available() {
        Map<String, String> newest = new TreeMap<>();
        scripts.forEach((owner, list) -> newestVersion(list).ifPresent(v -> newest.put(owner, v.getVersion())));
        return newest;
    }

    @Override
    public String migrate(DataSource target, String owner, String upToVersion) {
        List<SqlScript> ownerScripts = scripts.get(owner);
        if (ownerScripts == null) {
            throw new IllegalArgumentException("no migration scripts known for " + owner
                    + " (its bundle is not installed or not started)");
        }
        try {
            return SchemaMigrator.migrate(target, owner, ownerScripts, upToVersion).version();
        } catch (RuntimeException e) {
            // Flyway's message names the failing script; keep it, and say whose scripts these were
            throw new IllegalStateException("migrating " + owner + (upToVersion == null ? "" : " to " + upToVersion)
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String historyTable(String owner) {
        return SchemaMigrator.historyTable(owner);
    }

    static Optional<MigrationVersion> newestVersion(List<SqlScript> list) {
        return list.stream()
                .map(s -> VERSIONED.matcher(s.getFilename()))
                .filter(Matcher::matches)
                .map(m -> MigrationVersion.fromVersion(m.group(1).replace('_', '.')))
                .max(MigrationVersion::compareTo);
    }
}
