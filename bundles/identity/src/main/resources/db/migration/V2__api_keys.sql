-- API keys: shown once, stored as SHA-256, scoped to a subset of the owner's permissions, expiring.
CREATE TABLE pergola_api_keys (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    user_id      VARCHAR(36)   NOT NULL REFERENCES pergola_users (id) ON DELETE CASCADE,
    name         VARCHAR(100)  NOT NULL,
    prefix       VARCHAR(16)   NOT NULL,
    secret_hash  VARCHAR(64)   NOT NULL,
    scopes       VARCHAR(4000) NOT NULL,
    created_at   TIMESTAMP     NOT NULL,
    expires_at   TIMESTAMP     NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP,
    CONSTRAINT uq_api_keys_prefix UNIQUE (prefix)
);
CREATE INDEX ix_api_keys_user ON pergola_api_keys (user_id);
