-- Password history (policy: no reuse of the last N passwords), single-use password-reset tokens,
-- and browser sessions (cookie + CSRF token) next to bearer-token sessions.
CREATE TABLE pergola_password_history (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id       VARCHAR(36)  NOT NULL REFERENCES pergola_users (id) ON DELETE CASCADE,
    password_hash VARCHAR(255) NOT NULL,
    created_at    TIMESTAMP    NOT NULL
);
CREATE INDEX ix_password_history_user ON pergola_password_history (user_id, created_at);

CREATE TABLE pergola_password_resets (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id    VARCHAR(36) NOT NULL REFERENCES pergola_users (id) ON DELETE CASCADE,
    created_at TIMESTAMP   NOT NULL,
    expires_at TIMESTAMP   NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX ix_password_resets_user ON pergola_password_resets (user_id);

ALTER TABLE pergola_sessions ADD COLUMN kind VARCHAR(10) DEFAULT 'token' NOT NULL;
