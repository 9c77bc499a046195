package dev.pergola.api.tasks;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One kind of scheduled work, registered as an OSGi service with the {@link JobService} property type. {@link #run}
 * is called on a platform worker thread; returning normally is success, throwing is failure (the message is shown in
 * the task's history, the stack trace goes to the log). A job should check {@link JobContext#cancelled()} in long
 * loops: it is set when the platform stops or the job's bundle goes away.
 */
@ConsumerType
public interface Job {
    void run(JobContext context) throws Exception;
}
