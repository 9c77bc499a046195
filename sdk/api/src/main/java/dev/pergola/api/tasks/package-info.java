/**
 * Scheduled work. A bundle registers a {@link dev.pergola.api.tasks.Job} service described by
 * {@link dev.pergola.api.tasks.JobService}; the platform keeps a task for it (its schedule, paused or not, run
 * history, success and failure counts) in the database, runs it on schedule or on demand, never twice at once (also
 * across nodes sharing one PostgreSQL), records every run and posts {@code task.completed} / {@code task.failed}.
 * A failing or slow job never delays the others. Administrators may add further tasks for a job with their own
 * schedule and parameters ({@code POST /api/v1/tasks}).
 */
@Version("1.0.0")
@Export
package dev.pergola.api.tasks;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
