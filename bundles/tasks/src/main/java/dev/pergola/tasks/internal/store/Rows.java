package dev.pergola.tasks.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/** Reading and binding the columns of {@code tasks} and {@code task_runs}. */
final class Rows {
    static final String TASK_COLUMNS = "id, job_id, name, added, schedule_override, cron, interval_seconds, paused,"
            + " parameters, next_run_at, last_run_at, last_outcome, last_error, last_duration_ms, run_count,"
            + " failure_count, created_at, updated_at";
    static final String RUN_COLUMNS = "id, task_id, job_id, run_trigger, status, node, queued_at, started_at,"
            + " ended_at, duration_ms, result, error";

    private Rows() {
    }

    static TaskRow task(ResultSet r) throws SQLException {
        return new TaskRow(r.getString(1), r.getString(2), r.getString(3), r.getBoolean(4), r.getBoolean(5),
                r.getString(6), r.getLong(7), r.getBoolean(8), r.getString(9), instant(r, 10), instant(r, 11),
                r.getString(12), r.getString(13), longOrNull(r, 14), r.getLong(15), r.getLong(16), instant(r, 17),
                instant(r, 18));
    }

    static RunRow run(ResultSet r) throws SQLException {
        return new RunRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), instant(r, 7), instant(r, 8), instant(r, 9), longOrNull(r, 10), r.getString(11),
                r.getString(12));
    }

    static Instant instant(ResultSet r, int column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Long longOrNull(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    static void set(PreparedStatement s, int index, Instant at) throws SQLException {
        if (at == null) {
            s.setNull(index, Types.TIMESTAMP);
        } else {
            s.setTimestamp(index, Timestamp.from(at));
        }
    }

    static void set(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    /** Text cut to what its column holds. */
    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
