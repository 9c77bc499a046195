package dev.pergola.persistence.internal.migration;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.health.HealthResult;
import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.MigratedSchema;
import dev.pergola.api.persistence.SchemaMigrations;

/**
 * Extender: applies the migrations of every bundle whose manifest has {@code Pergola-Migrations},
 * as the bundle starts (synchronously, before its components see an active bundle), then registers a
 * {@link MigratedSchema} service in that bundle's name. A failed migration is logged and retried. The scripts of
 * every migrated bundle stay known as {@link SchemaMigrations}, to build schemas elsewhere (backup restore).
 */
@Component(service = {HealthCheck.class, SchemaMigrations.class}, immediate = true)
@HealthCheckService(name = "migrations")
public class MigrationExtender implements BundleTrackerCustomizer<MigrationExtender.Tracked>, HealthCheck,
        SchemaMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationExtender.class);
    private static final long RETRY_SECONDS = 15;

    private final DataSource dataSource;
    private final BundleTracker<Tracked> tracker;
    private final MigrationCatalogue catalogue = new MigrationCatalogue();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pergola-migration-retry");
        t.setDaemon(true);
        return t;
    });

    /** What we keep per tracked bundle; guarded by its own monitor. */
    static final class Tracked {
        ServiceRegistration<MigratedSchema> registration;
        boolean removed;
        String lastError;
    }

    @Activate
    public MigrationExtender(BundleContext context, @Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource) {
        this.dataSource = dataSource;
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, this);
        tracker.open();
    }

    @Deactivate
    void close() {
        retries.shutdownNow();
        tracker.close();
    }

    @Override
    public Tracked addingBundle(Bundle bundle, BundleEvent event) {
        String location = bundle.getHeaders("").get(MigratedSchema.HEADER);
        if (location == null || location.isBlank()) {
            return null;
        }
        Tracked tracked = new Tracked();
        attempt(bundle, location.trim(), tracked);
        return tracked;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, Tracked tracked) {
        // STARTING → ACTIVE: nothing to do, the schema was handled when the bundle was added
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Tracked tracked) {
        synchronized (tracked) {
            tracked.removed = true;
            catalogue.remove(bundle.getSymbolicName());
            if (tracked.registration != null) {
                try {
                    tracked.registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the bundle stopped and the framework removed it first
                }
                tracked.registration = null;
            }
        }
    }

    private void attempt(Bundle bundle, String location, Tracked tracked) {
        synchronized (tracked) {
            if (tracked.removed || tracked.registration != null) {
                return;
            }
            String owner = bundle.getSymbolicName();
            try {
                List<SqlScript> scripts = scripts(bundle, location);
                SchemaMigrator.Outcome outcome = SchemaMigrator.migrate(dataSource, owner, scripts);
                catalogue.put(owner, scripts);
                LOG.info("Schema of {} at version {} ({} migration(s) applied, history in {})", owner,
                        outcome.version(), outcome.applied(), outcome.historyTable());
                tracked.registration = register(bundle, outcome);
                tracked.lastError = null;
            } catch (RuntimeException | IOException e) {
                tracked.lastError = e.getMessage();
                LOG.error("Migrating the schema of {} failed; retrying in {} s: {}", owner, RETRY_SECONDS,
                        e.getMessage(), e);
                retries.schedule(() -> attempt(bundle, location, tracked), RETRY_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    /** DOWN while any bundle's migrations have failed (they are retried). */
    @Override
    public HealthResult check() {
        Map<Bundle, Tracked> tracked = tracker.getTracked();
        List<String> failed = new ArrayList<>();
        tracked.forEach((bundle, t) -> {
            synchronized (t) {
                if (t.lastError != null) {
                    failed.add(bundle.getSymbolicName() + ": " + t.lastError);
                }
            }
        });
        if (failed.isEmpty()) {
            return HealthResult.up(tracked.size() + " bundle schema(s) migrated");
        }
        Collections.sort(failed);
        return HealthResult.down("migrations failed: " + String.join("; ", failed), Map.of("failed", failed));
    }

    @Override
    public Map<String, String> available() {
        return catalogue.available();
    }

    @Override
    public String migrate(DataSource target, String owner, String upToVersion) {
        return catalogue.migrate(target, owner, upToVersion);
    }

    @Override
    public String historyTable(String owner) {
        return catalogue.historyTable(owner);
    }

    private static ServiceRegistration<MigratedSchema> register(Bundle bundle, SchemaMigrator.Outcome outcome) {
        BundleContext owner = bundle.getBundleContext();
        if (owner == null) {
            return null; // stopped meanwhile
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(MigratedSchema.OWNER, outcome.owner());
        props.put("pergola.schema.version", outcome.version());
        return owner.registerService(MigratedSchema.class, new Schema(outcome), props);
    }

    static List<SqlScript> scripts(Bundle bundle, String location) throws IOException {
        List<URL> entries = bundle.findEntries(location, "*.sql", false) == null
                ? List.of() : Collections.list(bundle.findEntries(location, "*.sql", false));
        if (entries.isEmpty()) {
            throw new IOException(bundle.getSymbolicName() + " declares " + MigratedSchema.HEADER + ": " + location
                    + " but that folder holds no .sql script");
        }
        List<SqlScript> scripts = new ArrayList<>();
        for (URL url : entries) {
            String path = url.getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            try (InputStream in = url.openStream()) {
                scripts.add(new SqlScript(name, bundle.getSymbolicName() + ":" + path,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return scripts;
    }

    private record Schema(SchemaMigrator.Outcome outcome) implements MigratedSchema {
        @Override
        public String owner() {
            return outcome.owner();
        }

        @Override
        public String version() {
            return outcome.version();
        }

        @Override
        public String historyTable() {
            return outcome.historyTable();
        }
    }
}
