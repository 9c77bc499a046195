-- Every message the platform sends, queued first: the Mailer stores it here, a sender delivers it.
CREATE TABLE pergola_mail_outbox (
    id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    recipient   VARCHAR(320)   NOT NULL,
    subject     VARCHAR(998)   NOT NULL,
    text_body   VARCHAR(200000) NOT NULL,
    html_body   VARCHAR(200000),
    category    VARCHAR(100),
    status      VARCHAR(16)    NOT NULL,
    attempts    INTEGER        NOT NULL DEFAULT 0,
    last_error  VARCHAR(2000),
    created_at  TIMESTAMP      NOT NULL,
    sent_at     TIMESTAMP
);
CREATE INDEX ix_mail_outbox_status ON pergola_mail_outbox (status, created_at);
