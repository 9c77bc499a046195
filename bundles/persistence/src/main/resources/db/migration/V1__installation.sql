-- One row: the installation this database belongs to. Written on first boot.
CREATE TABLE pergola_installation (
    singleton      VARCHAR(16)  NOT NULL PRIMARY KEY,
    installation_id VARCHAR(36) NOT NULL,
    created_at     TIMESTAMP    NOT NULL
);
