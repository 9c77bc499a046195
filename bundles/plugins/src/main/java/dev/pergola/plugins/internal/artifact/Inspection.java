package dev.pergola.plugins.internal.artifact;

import org.osgi.framework.Version;

/** What a plugin artifact says about itself, read from its manifest before the framework sees it. */
public record Inspection(String slug, String symbolicName, Version version, String name, String description,
        String vendor) {
}
