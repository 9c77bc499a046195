package dev.pergola.persistence.internal.migration;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/** Hands Flyway the scripts we collected, so Flyway never scans a class path (which OSGi does not have). */
final class ScriptResources implements ResourceProvider {
    private final List<SqlScript> scripts;

    ScriptResources(List<SqlScript> scripts) {
        this.scripts = List.copyOf(scripts);
    }

    @Override
    public LoadableResource getResource(String name) {
        return scripts.stream().filter(s -> s.getFilename().equals(name)).findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return scripts.stream()
                .filter(s -> s.getFilename().startsWith(prefix))
                .filter(s -> Arrays.stream(suffixes).anyMatch(s.getFilename()::endsWith))
                .map(LoadableResource.class::cast)
                .toList();
    }
}
