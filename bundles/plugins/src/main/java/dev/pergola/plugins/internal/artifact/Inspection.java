package dev.pergola.plugins.internal.artifact;

import java.util.List;

import org.osgi.framework.Version;

/**
 * What a plugin artifact says about itself, read from its manifest (a KAR: its main bundle's) before the
 * framework sees it. {@code bundles} lists the symbolic names of every bundle it brings, the main one included.
 */
public record Inspection(String slug, String symbolicName, Version version, String name, String description,
        String vendor, List<String> bundles) {
}
