package dev.pergola.tasks.internal.engine;

import java.time.Instant;

import dev.pergola.tasks.internal.schedule.Schedule;

/** A task as the engine sees it now: its effective schedule, when it runs next, and whether it is running. */
public record TaskState(Schedule schedule, Instant nextRunAt, boolean running, int percent, String step) {
}
