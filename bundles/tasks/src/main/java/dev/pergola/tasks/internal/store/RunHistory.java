package dev.pergola.tasks.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

/** The {@code task_runs} table: one row per run, the newest few kept per task. */
@Component(service = RunHistory.class)
public class RunHistory {
    private final DataSource dataSource;

    @Activate
    public RunHistory(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.tasks)") MigratedSchema schema) {
        this(dataSource);
    }

    public RunHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(RunRow run) {
        JdbcTransactions.run(dataSource, "task runs", c -> {
            insert(c, run);
            return null;
        });
    }

    public void insert(Connection c, RunRow r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO task_runs (" + Rows.RUN_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.id());
            s.setString(2, r.taskId());
            s.setString(3, r.jobId());
            s.setString(4, r.trigger());
            s.setString(5, r.status());
            s.setString(6, Rows.clip(r.node(), 200));
            Rows.set(s, 7, r.queuedAt());
            Rows.set(s, 8, r.startedAt());
            Rows.set(s, 9, r.endedAt());
            Rows.set(s, 10, r.durationMs());
            s.setString(11, Rows.clip(r.result(), 2000));
            s.setString(12, Rows.clip(r.error(), 2000));
            s.executeUpdate();
        }
    }

    public void update(Connection c, RunRow r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE task_runs SET status = ?, started_at = ?, ended_at = ?,"
                + " duration_ms = ?, result = ?, error = ? WHERE id = ?")) {
            s.setString(1, r.status());
            Rows.set(s, 2, r.startedAt());
            Rows.set(s, 3, r.endedAt());
            Rows.set(s, 4, r.durationMs());
            s.setString(5, Rows.clip(r.result(), 2000));
            s.setString(6, Rows.clip(r.error(), 2000));
            s.setString(7, r.id());
            s.executeUpdate();
        }
    }

    /** Deletes all but the newest {@code keep} runs of a task. */
    public void prune(Connection c, String taskId, int keep) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id FROM task_runs WHERE task_id = ? ORDER BY queued_at DESC, id DESC")) {
            s.setString(1, taskId);
            try (ResultSet r = s.executeQuery()) {
                int seen = 0;
                while (r.next()) {
                    if (++seen > keep) {
                        ids.add(r.getString(1));
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM task_runs WHERE id = ?")) {
            for (String id : ids) {
                s.setString(1, id);
                s.addBatch();
            }
            if (!ids.isEmpty()) {
                s.executeBatch();
            }
        }
    }

    /** Runs this node left queued or running when it stopped (or crashed) become interrupted. */
    public int interrupt(String node) {
        return JdbcTransactions.run(dataSource, "task runs", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE task_runs SET status = 'interrupted'"
                    + " WHERE node = ? AND status IN ('queued', 'running')")) {
                s.setString(1, node);
                return s.executeUpdate();
            }
        });
    }

    /** Newest first. */
    public List<RunRow> ofTask(String taskId, int limit) {
        return JdbcTransactions.run(dataSource, "task runs", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + Rows.RUN_COLUMNS
                    + " FROM task_runs WHERE task_id = ? ORDER BY queued_at DESC, id DESC LIMIT ?")) {
                s.setString(1, taskId);
                s.setInt(2, limit);
                List<RunRow> runs = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        runs.add(Rows.run(r));
                    }
                }
                return runs;
            }
        });
    }

    public Optional<RunRow> find(String id) {
        return JdbcTransactions.run(dataSource, "task runs", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + Rows.RUN_COLUMNS
                    + " FROM task_runs WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(Rows.run(r)) : Optional.empty();
                }
            }
        });
    }
}
