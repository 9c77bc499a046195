package dev.pergola.tasks.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.JdbcTransactions;
import dev.pergola.api.persistence.MigratedSchema;

/** The {@code tasks} table (plain JDBC). Methods taking a connection join the caller's transaction (for audit). */
@Component(service = TaskStore.class)
public class TaskStore {
    private final DataSource dataSource;

    @Activate
    public TaskStore(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.tasks)") MigratedSchema schema) {
        this(dataSource);
    }

    public TaskStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T tx(JdbcTransactions.Work<T> work) {
        return JdbcTransactions.run(dataSource, "tasks", work);
    }

    /** Creates the default task of a job unless it exists (another node may create it at the same moment). */
    public void ensureDefault(String jobId, String name, Instant now) {
        tx(c -> {
            if (find(c, jobId).isEmpty()) {
                insert(c, TaskRow.defaultOf(jobId, name, now));
            }
            return null;
        });
    }

    public List<TaskRow> all() {
        return tx(c -> query(c, "SELECT " + Rows.TASK_COLUMNS + " FROM tasks ORDER BY id", null));
    }

    public List<TaskRow> ofJob(String jobId) {
        return tx(c -> query(c, "SELECT " + Rows.TASK_COLUMNS + " FROM tasks WHERE job_id = ? ORDER BY id", jobId));
    }

    public Optional<TaskRow> find(String id) {
        return tx(c -> find(c, id));
    }

    public Optional<TaskRow> find(Connection c, String id) throws SQLException {
        return query(c, "SELECT " + Rows.TASK_COLUMNS + " FROM tasks WHERE id = ?", id).stream().findFirst();
    }

    public void insert(Connection c, TaskRow t) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tasks (id, job_id, name, added, schedule_override,"
                + " cron, interval_seconds, paused, parameters, run_count, failure_count, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)")) {
            s.setString(1, t.id());
            s.setString(2, t.jobId());
            s.setString(3, t.name());
            s.setBoolean(4, t.added());
            s.setBoolean(5, t.scheduleOverride());
            s.setString(6, t.cron());
            s.setLong(7, t.intervalSeconds());
            s.setBoolean(8, t.paused());
            s.setString(9, t.parameters());
            Rows.set(s, 10, t.createdAt());
            Rows.set(s, 11, t.updatedAt());
            s.executeUpdate();
        }
    }

    /** Writes what administrators change: name, schedule, paused, parameters. */
    public void update(Connection c, TaskRow t) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE tasks SET name = ?, schedule_override = ?, cron = ?,"
                + " interval_seconds = ?, paused = ?, parameters = ?, updated_at = ? WHERE id = ?")) {
            s.setString(1, t.name());
            s.setBoolean(2, t.scheduleOverride());
            s.setString(3, t.cron());
            s.setLong(4, t.intervalSeconds());
            s.setBoolean(5, t.paused());
            s.setString(6, t.parameters());
            Rows.set(s, 7, t.updatedAt());
            s.setString(8, t.id());
            s.executeUpdate();
        }
    }

    public boolean delete(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM tasks WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() > 0;
        }
    }

    public void nextRun(String id, Instant at) {
        tx(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE tasks SET next_run_at = ? WHERE id = ?")) {
                Rows.set(s, 1, at);
                s.setString(2, id);
                return s.executeUpdate();
            }
        });
    }

    /** Marks a run's start on its task: another node seeing last_run_at ≥ its due time skips the slot. */
    public void started(Connection c, String id, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE tasks SET last_run_at = ? WHERE id = ?")) {
            Rows.set(s, 1, at);
            s.setString(2, id);
            s.executeUpdate();
        }
    }

    /** Counts a finished run on its task. */
    public void finished(Connection c, RunRow run, Instant next) throws SQLException {
        boolean failed = RunRow.FAILURE.equals(run.status());
        try (PreparedStatement s = c.prepareStatement("UPDATE tasks SET last_outcome = ?, last_error = ?,"
                + " last_duration_ms = ?, next_run_at = ?, run_count = run_count + 1,"
                + " failure_count = failure_count + ? WHERE id = ?")) {
            s.setString(1, run.status());
            s.setString(2, Rows.clip(run.error(), 2000));
            Rows.set(s, 3, run.durationMs());
            Rows.set(s, 4, next);
            s.setInt(5, failed ? 1 : 0);
            s.setString(6, run.taskId());
            s.executeUpdate();
        }
    }

    private static List<TaskRow> query(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            List<TaskRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(Rows.task(r));
                }
            }
            return rows;
        }
    }
}
