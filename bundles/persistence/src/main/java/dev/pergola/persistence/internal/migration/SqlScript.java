package dev.pergola.persistence.internal.migration;

import java.io.Reader;
import java.io.StringReader;

import org.flywaydb.core.api.resource.LoadableResource;

/** One migration script, read into memory from its bundle (scripts are small). */
final class SqlScript extends LoadableResource {
    private final String filename;
    private final String origin;
    private final String sql;

    SqlScript(String filename, String origin, String sql) {
        this.filename = filename;
        this.origin = origin;
        this.sql = sql;
    }

    @Override
    public Reader read() {
        return new StringReader(sql);
    }

    @Override
    public String getAbsolutePath() {
        return origin;
    }

    @Override
    public String getAbsolutePathOnDisk() {
        return origin;
    }

    @Override
    public String getFilename() {
        return filename;
    }

    @Override
    public String getRelativePath() {
        return filename;
    }
}
