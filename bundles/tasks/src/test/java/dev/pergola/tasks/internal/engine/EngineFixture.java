package dev.pergola.tasks.internal.engine;

import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.pergola.api.tasks.Job;
import dev.pergola.testkit.TableAuditTrail;
import dev.pergola.tasks.internal.TestDatabase;
import dev.pergola.tasks.internal.store.RunHistory;
import dev.pergola.tasks.internal.store.TaskStore;

/** An engine on a test database, and jobs to give it. */
final class EngineFixture implements AutoCloseable {
    final TestDatabase db;
    final TaskStore tasks;
    final RunHistory runs;
    final TableAuditTrail audit = new TableAuditTrail();
    final TaskEngine engine;

    EngineFixture(TestDatabase db, int workers) {
        this.db = db;
        this.tasks = new TaskStore(db.dataSource);
        this.runs = new RunHistory(db.dataSource);
        this.engine = new TaskEngine(tasks, runs, audit, db.dataSource, db.database(), config(workers));
    }

    static TasksConfig config(int workers) {
        return new TasksConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return TasksConfig.class;
            }

            @Override
            public int workers() {
                return workers;
            }

            @Override
            public int history_size() {
                return 5;
            }

            @Override
            public int refresh_seconds() {
                return 1;
            }
        };
    }

    static JobEntry job(String id, long intervalSeconds, Job job) {
        return new JobEntry(id, "Job " + id, "", "", intervalSeconds, !id.contains("quiet"), false, "test", 0, job);
    }

    /** Starts of each run, in order, thread-safe. */
    static final class Recorder implements Job {
        final List<Long> starts = new CopyOnWriteArrayList<>();
        final long sleepMillis;
        final String failWith;

        Recorder(long sleepMillis, String failWith) {
            this.sleepMillis = sleepMillis;
            this.failWith = failWith;
        }

        @Override
        public void run(dev.pergola.api.tasks.JobContext context) throws Exception {
            starts.add(System.nanoTime());
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
            if (failWith != null) {
                throw new IllegalStateException(failWith);
            }
            context.result("ran " + starts.size());
        }

        List<Long> starts() {
            return Collections.unmodifiableList(starts);
        }
    }

    @Override
    public void close() throws Exception {
        engine.deactivate();
    }
}
