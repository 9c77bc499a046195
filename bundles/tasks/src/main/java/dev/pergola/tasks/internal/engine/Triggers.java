package dev.pergola.tasks.internal.engine;

/** Why a run started ({@link dev.pergola.api.tasks.JobContext#trigger()}). */
public final class Triggers {
    public static final String SCHEDULE = "schedule";
    public static final String MANUAL = "manual";

    private Triggers() {
    }
}
