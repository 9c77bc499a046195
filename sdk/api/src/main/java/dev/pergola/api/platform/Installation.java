package dev.pergola.api.platform;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The installation this node belongs to, recorded in the database on first boot. Every node that
 * shares the database reports the same id, and the id survives restarts and a wiped {@code data/cache}.
 */
@ProviderType
public interface Installation {
    /** A random UUID chosen on the very first boot against this database. */
    String id();

    /** When that first boot happened. */
    Instant createdAt();
}
