package dev.pergola.persistence.internal.datasource;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The effective database settings: configuration, overridden by {@code PERGOLA_DB_*} environment variables. */
record DatabaseSettings(String type, String url, String user, String password, int poolMax) {

    static final String H2 = "h2";
    static final String POSTGRESQL = "postgresql";

    static DatabaseSettings resolve(DatabaseConfig config, Map<String, String> env, Path dataDir) {
        String type = pick(env.get("PERGOLA_DB_TYPE"), config.type()).trim().toLowerCase(Locale.ROOT);
        if (!type.equals(H2) && !type.equals(POSTGRESQL)) {
            throw new IllegalArgumentException("dev.pergola.db: type must be 'h2' or 'postgresql', not '" + type + "'");
        }
        String url = pick(env.get("PERGOLA_DB_URL"), config.url()).trim();
        if (url.isEmpty()) {
            if (type.equals(POSTGRESQL)) {
                throw new IllegalArgumentException("dev.pergola.db: type postgresql needs a url "
                        + "(e.g. jdbc:postgresql://localhost:5432/pergola) or PERGOLA_DB_URL");
            }
            url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("pergola").toAbsolutePath();
        }
        String expectedPrefix = "jdbc:" + type + ":";
        if (!url.startsWith(expectedPrefix)) {
            throw new IllegalArgumentException("dev.pergola.db: type " + type + " needs a url starting with "
                    + expectedPrefix + ", got " + url);
        }
        int poolMax = config.pool_max();
        String envPool = env.get("PERGOLA_DB_POOL_MAX");
        if (envPool != null && !envPool.isBlank()) {
            try {
                poolMax = Integer.parseInt(envPool.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("PERGOLA_DB_POOL_MAX must be a number, got " + envPool, e);
            }
        }
        if (poolMax < 1) {
            throw new IllegalArgumentException("dev.pergola.db: pool.max must be at least 1, got " + poolMax);
        }
        return new DatabaseSettings(type, url, pick(env.get("PERGOLA_DB_USER"), config.user()),
                pick(env.get("PERGOLA_DB_PASSWORD"), config.password()), poolMax);
    }

    /** The JDBC driver class that serves this type, as advertised by its DataSourceFactory service. */
    String driverClass() {
        return type.equals(H2) ? "org.h2.Driver" : "org.postgresql.Driver";
    }

    /** The feature that installs the driver, for error messages. */
    String driverFeature() {
        return "pergola-db-" + type;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[type=" + type + ", url=" + url + ", user=" + user + ", poolMax=" + poolMax + "]";
    }

    private static String pick(String override, String configured) {
        return override != null && !override.isBlank() ? override : configured == null ? "" : configured;
    }
}
