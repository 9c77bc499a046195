-- The desired state of every plugin; the framework is reconciled to it at boot and on demand.
CREATE TABLE pergola_plugins (
    slug              VARCHAR(63)   NOT NULL PRIMARY KEY,
    symbolic_name     VARCHAR(255)  NOT NULL,
    version           VARCHAR(100)  NOT NULL,
    name              VARCHAR(255),
    description       VARCHAR(2000),
    vendor            VARCHAR(255),
    checksum          VARCHAR(64)   NOT NULL,
    artifact_size     BIGINT        NOT NULL,
    enabled           BOOLEAN       NOT NULL,
    state             VARCHAR(16)   NOT NULL,
    last_error        VARCHAR(4000),
    previous_version  VARCHAR(100),
    previous_checksum VARCHAR(64),
    installed_at      TIMESTAMP     NOT NULL,
    installed_by      VARCHAR(64),
    updated_at        TIMESTAMP     NOT NULL,
    updated_by        VARCHAR(64),
    CONSTRAINT uq_plugins_symbolic_name UNIQUE (symbolic_name)
);
