package dev.pergola.plugins.internal.artifact;

/**
 * How much reading a plugin archive may cost: entries (a KAR's bundles' entries included), bytes inflated in
 * all, and bytes of one manifest. An upload is small on the wire; these bound what it expands to.
 */
public record ArchiveLimits(int maxEntries, long maxInflatedBytes, int maxManifestBytes) {
    public static final int MANIFEST_BYTES = 1 << 20;
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(20_000, 256L << 20, MANIFEST_BYTES);
}
