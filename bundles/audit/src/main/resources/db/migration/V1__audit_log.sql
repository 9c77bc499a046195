-- The audit trail. A row is written unsealed (seq, prev_hash and hash NULL) in the transaction of the change it
-- records; the sealer then gives it its place in the hash chain. Only the sealer updates rows, only retention
-- deletes them (after archiving, leaving an anchor). Same SQL on H2 2.x and PostgreSQL: VARCHAR rather than
-- TEXT/CLOB, TIMESTAMP written and read in UTC.
CREATE TABLE audit_log (
    id             VARCHAR(40)     NOT NULL PRIMARY KEY,
    seq            BIGINT,
    occurred_at    TIMESTAMP       NOT NULL,
    action         VARCHAR(100)    NOT NULL,
    outcome        VARCHAR(16)     NOT NULL,
    actor_type     VARCHAR(16)     NOT NULL,
    actor_id       VARCHAR(100)    NOT NULL,
    actor_name     VARCHAR(255),
    actor_user_id  VARCHAR(100),
    channel        VARCHAR(16)     NOT NULL,
    target_type    VARCHAR(64),
    target_id      VARCHAR(255),
    target_name    VARCHAR(255),
    client_address VARCHAR(64),
    user_agent     VARCHAR(512),
    request_id     VARCHAR(128),
    before_json    VARCHAR(1000000),
    after_json     VARCHAR(1000000),
    details_json   VARCHAR(1000000),
    prev_hash      VARCHAR(64),
    hash           VARCHAR(64),
    -- also the sealer's queue: unsealed rows are those with seq NULL
    CONSTRAINT uq_audit_log_seq UNIQUE (seq)
);
CREATE INDEX ix_audit_log_occurred ON audit_log (occurred_at, id);
CREATE INDEX ix_audit_log_action ON audit_log (action);
CREATE INDEX ix_audit_log_user ON audit_log (actor_user_id);
CREATE INDEX ix_audit_log_target ON audit_log (target_type, target_id);

-- Where the chain continues after retention archived and deleted its older part: the last archived record.
CREATE TABLE audit_anchor (
    seq            BIGINT          NOT NULL PRIMARY KEY,
    hash           VARCHAR(64)     NOT NULL,
    archived       BIGINT          NOT NULL,
    archive_file   VARCHAR(1000),
    created_at     TIMESTAMP       NOT NULL
);
