-- The notes table, owned by dev.pergola.sample.notes (history: schema_history_<symbolic name>).
-- Plain SQL that H2 2.x and PostgreSQL both accept: VARCHAR, TIMESTAMP, named constraints, no identity columns.
CREATE TABLE acme_notes (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    title       VARCHAR(200)  NOT NULL,
    body        VARCHAR(4000) NOT NULL,
    author      VARCHAR(64)   NOT NULL,
    created_at  TIMESTAMP     NOT NULL,
    CONSTRAINT uq_acme_notes_title UNIQUE (title)
);

CREATE INDEX ix_acme_notes_created_at ON acme_notes (created_at);
