package dev.pergola.persistence.internal.files;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.persistence.Database;

/**
 * Makes {@code data/} readable by its owner only (folders 0700, files 0600) at every start, so an
 * installation created under a permissive umask — or before {@code bin/setenv} set {@code umask 077} — is
 * fixed: the embedded database, the initial admin password, the data-protection key and the logs are
 * not for other OS users. It first opens one database connection so the embedded database's files exist
 * when it runs.
 */
@Component(service = DataFolderGuard.class, immediate = true)
public class DataFolderGuard {
    private static final Logger LOG = LoggerFactory.getLogger(DataFolderGuard.class);

    @Activate
    public DataFolderGuard(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource) {
        try (Connection ignored = dataSource.getConnection()) {
            // an embedded database creates its files on the first connection
        } catch (SQLException e) {
            LOG.warn("Database not reachable while securing data/ ({}); its files are fixed at the next start",
                    e.getMessage());
        }
        Path data = Paths.get(System.getProperty("karaf.data", "data")).toAbsolutePath();
        try {
            OwnerOnly.Outcome outcome = OwnerOnly.restrictTree(data);
            if (outcome.changed() > 0) {
                LOG.info("Restricted {} files and folders under {} to their owner", outcome.changed(), data);
            }
            if (outcome.failed() > 0) {
                LOG.warn("Could not restrict {} entries under {} to their owner (first: {})", outcome.failed(), data,
                        outcome.firstFailure().toString());
            }
        } catch (IOException e) {
            LOG.warn("Could not restrict {} to its owner: {}", data, e.toString());
        }
    }
}
