-- Webhook subscriptions, their delivery queue and the dispatcher's cursor, owned by dev.pergola.webhooks.
-- Plain SQL that H2 2.x and PostgreSQL both accept.
CREATE TABLE webhooks (
    id           VARCHAR(40)   NOT NULL PRIMARY KEY,
    url          VARCHAR(2000) NOT NULL,
    events       VARCHAR(2000) NOT NULL,
    secret       VARCHAR(1000) NOT NULL,
    active       BOOLEAN       NOT NULL,
    description  VARCHAR(500),
    created_at   TIMESTAMP     NOT NULL,
    updated_at   TIMESTAMP     NOT NULL,
    created_by   VARCHAR(200)
);
CREATE INDEX ix_webhooks_created_at ON webhooks (created_at);

-- One row per (event, subscription): the exact body to send, and where its delivery stands.
-- pending and failed are waiting (failed = the last attempt failed, retried at next_attempt_at); delivered and
-- gave_up are final. A worker leases a row (claimed_until, claim_token) for the time of one attempt.
-- position (from a sequence) is the queue order: a subscription's waiting row with the lowest position goes first.
CREATE SEQUENCE webhook_delivery_position START WITH 1;
CREATE TABLE webhook_deliveries (
    id                VARCHAR(40)     NOT NULL PRIMARY KEY,
    webhook_id        VARCHAR(40)     NOT NULL,
    event_id          VARCHAR(64)     NOT NULL,
    event_type        VARCHAR(100)    NOT NULL,
    sequence          BIGINT          NOT NULL,
    position          BIGINT          NOT NULL,
    payload           VARCHAR(1000000) NOT NULL,
    status            VARCHAR(16)     NOT NULL,
    attempts          INTEGER         NOT NULL,
    next_attempt_at   TIMESTAMP,
    claimed_until     TIMESTAMP,
    claim_token       VARCHAR(40),
    last_status_code  INTEGER,
    last_error        VARCHAR(1000),
    duration_ms       BIGINT,
    created_at        TIMESTAMP       NOT NULL,
    delivered_at      TIMESTAMP,
    CONSTRAINT fk_webhook_deliveries_webhook FOREIGN KEY (webhook_id) REFERENCES webhooks (id) ON DELETE CASCADE
);
CREATE INDEX ix_webhook_deliveries_queue ON webhook_deliveries (webhook_id, status, created_at);
CREATE INDEX ix_webhook_deliveries_heads ON webhook_deliveries (status, webhook_id, position);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);

-- The last EventLog sequence turned into deliveries (one row; NULL until the dispatcher first runs).
CREATE TABLE webhook_cursor (
    id             INTEGER   NOT NULL PRIMARY KEY,
    last_sequence  BIGINT,
    updated_at     TIMESTAMP
);
INSERT INTO webhook_cursor (id, last_sequence, updated_at) VALUES (1, NULL, NULL);
