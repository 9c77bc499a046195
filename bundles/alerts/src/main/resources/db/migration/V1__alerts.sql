-- Alert rules: what to watch, when it is wrong, whom to tell. Lists (tags, emails, webhook ids) are stored
-- comma-separated: their items are validated to never hold a comma.
CREATE TABLE pergola_alert_rules (
    id              VARCHAR(36)    NOT NULL PRIMARY KEY,
    name            VARCHAR(200)   NOT NULL,
    description     VARCHAR(1000),
    metric_type     VARCHAR(200)   NOT NULL,
    tags            VARCHAR(1000),
    statistic       VARCHAR(20)    NOT NULL,
    operator        VARCHAR(2)     NOT NULL,
    threshold       DOUBLE PRECISION NOT NULL,
    for_seconds     INTEGER        NOT NULL,
    severity        VARCHAR(10)    NOT NULL,
    enabled         BOOLEAN        NOT NULL,
    emails          VARCHAR(4000),
    webhook_ids     VARCHAR(4000),
    repeat_seconds  INTEGER        NOT NULL,
    -- since when the condition has held without a break (for_seconds counts from here); null when it does not hold
    breach_since    TIMESTAMP,
    created_at      TIMESTAMP      NOT NULL,
    updated_at      TIMESTAMP      NOT NULL
);
CREATE UNIQUE INDEX ux_alert_rules_name ON pergola_alert_rules (name);

-- Alert instances: one per firing of a rule, triggered → acknowledged → resolved.
CREATE TABLE pergola_alerts (
    id               VARCHAR(36)    NOT NULL PRIMARY KEY,
    rule_id          VARCHAR(36)    NOT NULL,
    rule_name        VARCHAR(200)   NOT NULL,
    severity         VARCHAR(10)    NOT NULL,
    metric_type      VARCHAR(200)   NOT NULL,
    operator         VARCHAR(2)     NOT NULL,
    threshold        DOUBLE PRECISION NOT NULL,
    status           VARCHAR(16)    NOT NULL,
    observed         DOUBLE PRECISION,
    triggered_at     TIMESTAMP      NOT NULL,
    acknowledged_at  TIMESTAMP,
    acknowledged_by  VARCHAR(200),
    resolved_at      TIMESTAMP,
    last_notified_at TIMESTAMP      NOT NULL,
    reminders        INTEGER        NOT NULL DEFAULT 0,
    -- the rule id while the alert is open, null once resolved: at most one open alert per rule, even if two
    -- evaluations ever raced
    open_rule_id     VARCHAR(36)
);
CREATE UNIQUE INDEX ux_alerts_open_rule ON pergola_alerts (open_rule_id);
CREATE INDEX ix_alerts_status ON pergola_alerts (status, triggered_at);

-- What happened to each alert, in order.
CREATE TABLE pergola_alert_history (
    id           VARCHAR(36)    NOT NULL PRIMARY KEY,
    alert_id     VARCHAR(36)    NOT NULL,
    status       VARCHAR(16)    NOT NULL,
    observed     DOUBLE PRECISION,
    actor        VARCHAR(200),
    happened_at  TIMESTAMP      NOT NULL
);
CREATE INDEX ix_alert_history_alert ON pergola_alert_history (alert_id, happened_at);
