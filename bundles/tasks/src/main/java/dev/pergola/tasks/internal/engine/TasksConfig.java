package dev.pergola.tasks.internal.engine;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(pid = TasksConfig.PID, name = "Pergola tasks",
        description = "The engine that runs scheduled jobs")
public @interface TasksConfig {
    String PID = "dev.pergola.tasks";

    @AttributeDefinition(description = "Worker threads: how many tasks may run at the same time on this node."
            + " A task never runs twice at once, so a slow job holds at most one worker.")
    int workers() default 4;

    @AttributeDefinition(description = "Runs kept in each task's history (older ones are deleted).")
    int history_size() default 50;

    @AttributeDefinition(description = "Seconds between re-reads of the tasks table (changes made on other nodes).")
    int refresh_seconds() default 10;
}
