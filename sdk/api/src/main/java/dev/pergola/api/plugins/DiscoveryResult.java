package dev.pergola.api.plugins;

/**
 * What discovery did with one file of the deploy folder: {@code installed}, {@code updated},
 * {@code unchanged} or {@code skipped}, with the reason for a skip.
 */
public record DiscoveryResult(String file, String outcome, String slug, String message) {
}
