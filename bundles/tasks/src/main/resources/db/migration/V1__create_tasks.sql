-- Scheduled tasks and their run history, owned by dev.pergola.tasks. Plain SQL that H2 2.x and PostgreSQL accept.
-- A task is one schedulable use of a Job service: the job's default task (id = job id) or one an administrator added
-- (added = TRUE) with its own parameters. schedule_override = TRUE means cron/interval_seconds replace the job's
-- defaults (both empty = on demand only); paused survives restarts.
CREATE TABLE tasks (
    id                 VARCHAR(120)   NOT NULL PRIMARY KEY,
    job_id             VARCHAR(100)   NOT NULL,
    name               VARCHAR(200)   NOT NULL,
    added              BOOLEAN        NOT NULL,
    schedule_override  BOOLEAN        NOT NULL,
    cron               VARCHAR(200),
    interval_seconds   BIGINT,
    paused             BOOLEAN        NOT NULL,
    parameters         VARCHAR(100000),
    next_run_at        TIMESTAMP,
    last_run_at        TIMESTAMP,
    last_outcome       VARCHAR(16),
    last_error         VARCHAR(2000),
    last_duration_ms   BIGINT,
    run_count          BIGINT         NOT NULL,
    failure_count      BIGINT         NOT NULL,
    created_at         TIMESTAMP      NOT NULL,
    updated_at         TIMESTAMP      NOT NULL
);
CREATE INDEX ix_tasks_job ON tasks (job_id);

-- One row per run: queued (manual, waiting for a worker) → running → success | failure | skipped | interrupted.
-- The engine keeps the newest history.size rows per task.
CREATE TABLE task_runs (
    id            VARCHAR(40)    NOT NULL PRIMARY KEY,
    task_id       VARCHAR(120)   NOT NULL,
    job_id        VARCHAR(100)   NOT NULL,
    run_trigger   VARCHAR(16)    NOT NULL,
    status        VARCHAR(16)    NOT NULL,
    node          VARCHAR(200)   NOT NULL,
    queued_at     TIMESTAMP      NOT NULL,
    started_at    TIMESTAMP,
    ended_at      TIMESTAMP,
    duration_ms   BIGINT,
    result        VARCHAR(2000),
    error         VARCHAR(2000),
    CONSTRAINT fk_task_runs_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE
);
CREATE INDEX ix_task_runs_task ON task_runs (task_id, queued_at);
CREATE INDEX ix_task_runs_status ON task_runs (status, node);
