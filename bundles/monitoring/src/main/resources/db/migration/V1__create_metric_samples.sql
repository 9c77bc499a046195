-- Metric history for dashboards, owned by dev.pergola.monitoring. Plain SQL that H2 2.x and PostgreSQL both accept.
-- One row per (resolution, series, bucket, node): resolution '1m' rows are one-minute rollups kept 24 h, '1h' rows
-- hourly rollups kept 30 days. Each node writes its own rows; readers combine the nodes of a bucket.
CREATE TABLE metric_samples (
    resolution  VARCHAR(4)       NOT NULL,
    series      VARCHAR(40)      NOT NULL,
    bucket      TIMESTAMP        NOT NULL,
    node        VARCHAR(100)     NOT NULL,
    sample_value DOUBLE PRECISION NOT NULL,
    CONSTRAINT pk_metric_samples PRIMARY KEY (resolution, series, bucket, node)
);
CREATE INDEX ix_metric_samples_bucket ON metric_samples (resolution, bucket);
