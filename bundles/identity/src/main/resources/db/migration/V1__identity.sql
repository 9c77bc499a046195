-- Accounts, roles, permissions, login sessions and token signing keys.
CREATE TABLE pergola_users (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    username        VARCHAR(64)  NOT NULL,
    email           VARCHAR(254) NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    first_name      VARCHAR(100),
    last_name       VARCHAR(100),
    phone           VARCHAR(40),
    bio             VARCHAR(2000),
    locale          VARCHAR(20),
    timezone        VARCHAR(64),
    status          VARCHAR(16)  NOT NULL,
    created_at      TIMESTAMP    NOT NULL,
    updated_at      TIMESTAMP    NOT NULL,
    last_login_at   TIMESTAMP,
    deleted_at      TIMESTAMP,
    CONSTRAINT uq_users_username UNIQUE (username),
    CONSTRAINT uq_users_email UNIQUE (email)
);

CREATE TABLE pergola_roles (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(64)  NOT NULL,
    description VARCHAR(500),
    is_system   BOOLEAN      NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    CONSTRAINT uq_roles_name UNIQUE (name)
);

CREATE TABLE pergola_permissions (
    name        VARCHAR(128) NOT NULL PRIMARY KEY,
    description VARCHAR(500),
    source      VARCHAR(255) NOT NULL,
    created_at  TIMESTAMP    NOT NULL
);

CREATE TABLE pergola_role_permissions (
    role_id         VARCHAR(36)  NOT NULL REFERENCES pergola_roles (id) ON DELETE CASCADE,
    permission_name VARCHAR(128) NOT NULL REFERENCES pergola_permissions (name) ON DELETE CASCADE,
    PRIMARY KEY (role_id, permission_name)
);

CREATE TABLE pergola_user_roles (
    user_id VARCHAR(36) NOT NULL REFERENCES pergola_users (id) ON DELETE CASCADE,
    role_id VARCHAR(36) NOT NULL REFERENCES pergola_roles (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);

-- A login session: its current refresh token (hashed) rotates on every refresh.
CREATE TABLE pergola_sessions (
    id                 VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id            VARCHAR(36)  NOT NULL REFERENCES pergola_users (id) ON DELETE CASCADE,
    refresh_hash       VARCHAR(64)  NOT NULL,
    created_at         TIMESTAMP    NOT NULL,
    last_used_at       TIMESTAMP    NOT NULL,
    expires_at         TIMESTAMP    NOT NULL,
    ended_at           TIMESTAMP,
    end_reason         VARCHAR(32),
    client_address     VARCHAR(64),
    user_agent         VARCHAR(500),
    CONSTRAINT uq_sessions_refresh UNIQUE (refresh_hash)
);
CREATE INDEX ix_sessions_user ON pergola_sessions (user_id);

-- Refresh tokens already rotated away: presenting one again means theft, and ends the session.
CREATE TABLE pergola_spent_refresh_tokens (
    refresh_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    session_id   VARCHAR(36) NOT NULL REFERENCES pergola_sessions (id) ON DELETE CASCADE,
    spent_at     TIMESTAMP   NOT NULL
);

CREATE TABLE pergola_signing_keys (
    kid         VARCHAR(64)   NOT NULL PRIMARY KEY,
    jwk         VARCHAR(4000) NOT NULL,
    created_at  TIMESTAMP     NOT NULL,
    retired_at  TIMESTAMP
);
