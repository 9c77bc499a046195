package dev.pergola.tasks.internal.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.metrics.Meters;
import dev.pergola.api.persistence.Database;
import dev.pergola.api.tasks.Job;
import dev.pergola.tasks.internal.store.RunHistory;
import dev.pergola.tasks.internal.store.RunRow;
import dev.pergola.tasks.internal.store.TaskStore;

/**
 * Runs the {@link Job} services of every bundle. A ticker thread checks once a second which tasks are due and hands
 * them to a bounded worker pool; a task is never queued twice (local guard) and its run holds a cluster-wide lock
 * ({@link ClusterLock}). Task state (schedule override, paused, last run) is re-read from the database every few
 * seconds and right after a local change, so it survives restarts and follows changes made on other nodes. All
 * database work happens on the ticker and worker threads, never in service callbacks.
 */
@Component(service = TaskEngine.class, immediate = true)
@Designate(ocd = TasksConfig.class)
public class TaskEngine {
    private static final Logger LOG = LoggerFactory.getLogger(TaskEngine.class);
    /** What a job id looks like (the tasks table holds 100 characters). */
    static final java.util.regex.Pattern JOB_ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

    private final Clock clock = Clock.systemUTC();
    private final Map<String, JobEntry> jobs = new ConcurrentHashMap<>();
    private final Map<ServiceReference<Job>, LazyJob> services = new ConcurrentHashMap<>();
    private final BundleContext context;
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();
    private final TaskStore tasks;
    private final RunHistory runs;
    private final AuditTrail audit;
    private final RunRecorder recorder;
    private final TaskRunner runner;
    private final TasksConfig config;
    private final ScheduledExecutorService ticker;
    private final ThreadPoolExecutor workers;
    private volatile EventAdmin eventAdmin;
    private volatile Meters meters;
    private volatile boolean dirty = true;
    private volatile Instant refreshedAt = Instant.EPOCH;
    private volatile boolean refreshFailing;
    /** A restore is replacing the tables: no run starts. */
    private volatile boolean held;

    @Activate
    public TaskEngine(@Reference TaskStore tasks, @Reference RunHistory runs, @Reference AuditTrail audit,
            @Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource, @Reference Database database,
            TasksConfig config, BundleContext context) {
        this.context = context;
        this.tasks = tasks;
        this.runs = runs;
        this.audit = audit;
        this.config = config;
        this.recorder = new RunRecorder(tasks, runs, audit, () -> eventAdmin, () -> meters,
                Math.max(1, config.history_size()));
        this.runner = new TaskRunner(tasks, recorder, dataSource, "postgresql".equals(database.type()),
                NodeName.current(), clock, this::finished);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(Math.max(1, config.workers()), Math.max(1, config.workers()), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> new Thread(r, "pergola-task-" + n.incrementAndGet()));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "pergola-task-ticker"));
        ticker.execute(this::start);
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Without OSGi (tests): jobs are added as {@link JobEntry}s. */
    TaskEngine(TaskStore tasks, RunHistory runs, AuditTrail audit, DataSource dataSource, Database database,
            TasksConfig config) {
        this(tasks, runs, audit, dataSource, database, config, null);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        ticker.shutdownNow();
        plans.values().forEach(p -> {
            RunContext c = p.current;
            if (c != null) {
                c.cancel();
            }
        });
        workers.shutdown();
        if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Task runs still going after 10 s; interrupting them");
            workers.shutdownNow();
        }
    }

    /** Bound by reference only: the service object is got at the first run ({@link LazyJob}). */
    @Reference(service = Job.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            updated = "updatedJob")
    void addJob(ServiceReference<Job> ref) {
        addJob(entry(ref));
    }

    private JobEntry entry(ServiceReference<Job> ref) {
        LazyJob job = services.computeIfAbsent(ref, r -> new LazyJob(context, r));
        return JobEntry.of(job, ref::getProperty, ref.getBundle() == null ? null : ref.getBundle().getSymbolicName());
    }

    void addJob(JobEntry entry) {
        if (entry.id() == null || !JOB_ID.matcher(entry.id()).matches()) {
            LOG.error("Job service {} from {} has no valid pergola.job.id ('{}': dotted, lower case, at most 100"
                    + " characters); ignored", entry.serviceId(), entry.bundle(), entry.id());
            return;
        }
        JobEntry previous = jobs.putIfAbsent(entry.id(), entry);
        if (previous != null) {
            LOG.error("Job id {} from {} is already registered by {}; ignored", entry.id(), entry.bundle(),
                    previous.bundle());
            return;
        }
        dirty = true;
    }

    /** New properties (e.g. a default schedule changed at run time): the plan follows, a running run is kept. */
    void updatedJob(ServiceReference<Job> ref) {
        JobEntry entry = entry(ref);
        Job job = entry.job();
        JobEntry current = jobs.get(entry.id());
        if (current != null && current.job() == job) {
            jobs.put(entry.id(), entry);
            dirty = true;
        } else {
            removeJob(job);
            addJob(entry);
        }
    }

    void removeJob(ServiceReference<Job> ref) {
        LazyJob job = services.remove(ref);
        if (job != null) {
            removeJob(job);
            job.release();
        }
    }

    void removeJob(Job job) {
        jobs.values().removeIf(e -> e.job() == job);
        plans.values().removeIf(p -> {
            if (p.job.job() != job) {
                return false;
            }
            RunContext c = p.current;
            if (c != null) {
                c.cancel();
            }
            return true;
        });
        dirty = true;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEventAdmin(EventAdmin e) {
        this.eventAdmin = e;
    }

    void unsetEventAdmin(EventAdmin e) {
        if (this.eventAdmin == e) {
            this.eventAdmin = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setMeters(Meters m) {
        this.meters = m;
    }

    void unsetMeters(Meters m) {
        if (this.meters == m) {
            this.meters = null;
        }
    }

    private void start() {
        try {
            int n = runs.interrupt(runner.node());
            if (n > 0) {
                LOG.warn("{} task run(s) of node {} were cut short by the previous stop", n, runner.node());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not mark the runs of the previous stop as interrupted: {}", e.getMessage());
        }
    }

    /**
     * A restore is about to replace the tables: starts no further run and waits (at most {@code wait}) for the
     * running ones (asked to stop through {@code JobContext.cancelled()}) to end. @return whether none is running any more
     */
    public boolean hold(java.time.Duration wait) throws InterruptedException {
        held = true;
        plans.values().forEach(p -> {
            RunContext c = p.current;
            if (c != null) {
                c.cancel();
            }
        });
        long deadline = System.nanoTime() + wait.toNanos();
        while (plans.values().stream().anyMatch(p -> p.current != null)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** The restore is over: re-read the restored tables and run again. */
    public void release() {
        held = false;
        dirty = true;
    }

    private void tick() {
        if (held) {
            return;
        }
        try {
            Instant now = clock.instant();
            if (dirty || refreshedAt.plusSeconds(Math.max(1, config.refresh_seconds())).isBefore(now)) {
                refresh(now);
            }
            for (Plan plan : plans.values()) {
                if (plan.due(now)) {
                    submit(plan, null, Triggers.SCHEDULE, plan.next, AuditOrigin.SYSTEM);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Task ticker failed", e);
        }
    }

    /** Re-reads the tasks of the registered jobs; the default task of a new job is created here. */
    synchronized void refresh(Instant now) {
        dirty = false;
        try {
            Map<String, Plan> fresh = new PlanLoader(tasks, clock).load(jobs, plans, now);
            plans.keySet().retainAll(fresh.keySet());
            plans.putAll(fresh);
            refreshedAt = now;
            if (refreshFailing) {
                LOG.info("Tasks table readable again");
            }
            refreshFailing = false;
        } catch (RuntimeException e) {
            dirty = true;
            if (!refreshFailing) {
                LOG.error("Cannot read the tasks table; keeping the last known schedule: {}", e.getMessage());
            }
            refreshFailing = true;
        }
    }

    /** Queues a run now; the caller's origin is bound around the run so its audit names who asked. */
    public RunRow runNow(String taskId, AuditOrigin origin) {
        if (held) {
            throw PergolaException.unavailable("A restore is running; tasks run again when it is over", null);
        }
        if (dirty) {
            refresh(clock.instant());
        }
        Plan plan = plans.get(taskId);
        if (plan == null) {
            if (tasks.find(taskId).isPresent()) {
                throw PergolaException.unavailable("The job of task " + taskId + " is not running", null);
            }
            throw PergolaException.notFound("No task " + taskId);
        }
        RunRow queued = runner.queued(plan, Triggers.MANUAL, clock.instant());
        synchronized (plan) {
            if (plan.current != null) {
                throw PergolaException.conflict("Task " + taskId + " is already running");
            }
            runs.insert(queued);
            submit(plan, queued, Triggers.MANUAL, null, origin);
        }
        return queued;
    }

    private void submit(Plan plan, RunRow queued, String trigger, Instant due, AuditOrigin origin) {
        synchronized (plan) {
            if (plan.current != null) {
                return;
            }
            RunContext context = new RunContext(plan.row.id(), Parameters.parse(plan.row.parameters()), trigger,
                    clock.instant());
            plan.current = context;
            plan.next = null;
            workers.execute(() -> {
                try (AuditTrail.Binding b = audit.bind(origin)) {
                    runner.run(plan, context, queued, due);
                }
            });
        }
    }

    private void finished(Plan plan, Instant next) {
        plan.next = next;
        plan.current = null;
    }

    /** The tasks table changed here: re-read it now (on failure the next tick tries again). */
    public void changed() {
        dirty = true;
        refresh(clock.instant());
    }

    /** Re-reads the table now if a job came or went since the last read (so a new job's task is listed at once). */
    public void refreshIfChanged() {
        if (dirty) {
            refresh(clock.instant());
        }
    }

    public Optional<JobEntry> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public Collection<JobEntry> jobs() {
        return List.copyOf(jobs.values());
    }

    /** What the engine knows of a task at this moment (next run, running) — empty when its job is absent. */
    public Optional<TaskState> state(String taskId) {
        Plan p = plans.get(taskId);
        if (p == null) {
            return Optional.empty();
        }
        RunContext c = p.current;
        return Optional.of(new TaskState(p.schedule, p.row.paused() ? null : p.next, c != null,
                c == null ? -1 : c.percent(), c == null ? null : c.step()));
    }

    public Map<String, TaskState> states() {
        Map<String, TaskState> all = new HashMap<>();
        new ArrayList<>(plans.keySet()).forEach(id -> state(id).ifPresent(s -> all.put(id, s)));
        return all;
    }
}
