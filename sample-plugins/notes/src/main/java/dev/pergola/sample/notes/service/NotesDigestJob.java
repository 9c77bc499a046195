package dev.pergola.sample.notes.service;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.tasks.Job;
import dev.pergola.api.tasks.JobContext;
import dev.pergola.api.tasks.JobService;

/**
 * The plugin's scheduled job {@code notes.digest}: every day at 06:00 UTC it sums up how full the notebook is. The
 * platform's tasks engine runs it (never twice at once, also across nodes), records each run and shows it in
 * {@code /api/v1/tasks}, where administrators may pause it, change its schedule or run it now.
 */
@Component
@JobService(id = "notes.digest", name = "Notes digest", description = "How full the notebook is, once a day",
        cron = "0 6 * * *")
public class NotesDigestJob implements Job {
    private final Notes notes;

    @Activate
    public NotesDigestJob(@Reference Notes notes) {
        this.notes = notes;
    }

    @Override
    public void run(JobContext context) {
        Notes.Usage usage = notes.usage();
        context.result(usage.notes() + " of " + usage.maxNotes() + " notes");
    }
}
