package dev.pergola.backup.internal.service;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import dev.pergola.api.persistence.SchemaMigrations;

/**
 * Schema versions per migration owner: the version each owner's history table says is applied (the one a backup
 * records), and the comparison that refuses a backup from a newer schema.
 */
final class SchemaVersions {
    private SchemaVersions() {
    }

    /** Owner → applied version in {@code dataSource}, for every owner whose scripts this node knows. */
    static Map<String, String> applied(SchemaMigrations migrations, DataSource dataSource) throws SQLException {
        Map<String, String> versions = new TreeMap<>();
        if (migrations == null) {
            return versions;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (Map.Entry<String, String> owner : migrations.available().entrySet()) {
                String table = migrations.historyTable(owner.getKey());
                try (ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"" + table + "\" WHERE \"success\""
                        + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC")) {
                    versions.put(owner.getKey(), rs.next() ? rs.getString(1) : owner.getValue());
                } catch (SQLException e) {
                    versions.put(owner.getKey(), owner.getValue());
                }
            }
        }
        return versions;
    }

    /** Problems of a backup whose schema is newer than this node's scripts for some owner; empty when none. */
    static List<String> newerThanHere(Map<String, String> backup, Map<String, String> available) {
        List<String> problems = new ArrayList<>();
        backup.forEach((owner, version) -> {
            String here = available.get(owner);
            if (here != null && compare(version, here) > 0) {
                problems.add(owner + " is at schema " + version + " in the backup but only " + here + " here");
            }
        });
        return problems;
    }

    /** Flyway-style versions: dot-separated numbers compared numerically ({@code 1.10 > 1.9}). */
    static int compare(String a, String b) {
        String[] x = a.split("[._]");
        String[] y = b.split("[._]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? parse(x[i]) : 0;
            long q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long parse(String part) {
        try {
            return Long.parseLong(part.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
