/**
 * Metrics: the platform and plugins record counters, timers and gauges through {@link dev.pergola.api.metrics.Meters};
 * the platform publishes them in Prometheus text at {@code /metrics} and keeps a short history in the database.
 * {@link dev.pergola.api.metrics.MetricValues} reads current values (alert rules, system info, dashboards).
 *
 * <p>Names are dotted and lower case ({@code notes.shared}); Prometheus sees {@code notes_shared_total} for a counter,
 * {@code notes_render_seconds_bucket|count|sum} for a timer. Platform meters start with {@code pergola.}. Tags are
 * pairs of key and value; keep their values few (never a user id, a path with ids, or free text).
 */
@Version("1.0.0")
@Export
package dev.pergola.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
