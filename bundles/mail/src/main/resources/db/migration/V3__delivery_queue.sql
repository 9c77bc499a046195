-- Delivery (issue 11): pending → sending → sent | failed, plus unknown (the node stopped while sending).
-- A claim is a token and a lease; next_attempt_at carries the backoff.
UPDATE pergola_mail_outbox SET status = 'pending' WHERE status = 'queued';
ALTER TABLE pergola_mail_outbox ADD COLUMN next_attempt_at TIMESTAMP;
UPDATE pergola_mail_outbox SET next_attempt_at = created_at;
ALTER TABLE pergola_mail_outbox ALTER COLUMN next_attempt_at SET NOT NULL;
ALTER TABLE pergola_mail_outbox ADD COLUMN claim_token VARCHAR(36);
ALTER TABLE pergola_mail_outbox ADD COLUMN claimed_until TIMESTAMP;
ALTER TABLE pergola_mail_outbox ADD COLUMN updated_at TIMESTAMP;
DROP INDEX ix_mail_outbox_status;
CREATE INDEX ix_mail_outbox_due ON pergola_mail_outbox (status, next_attempt_at);
CREATE INDEX ix_mail_outbox_created ON pergola_mail_outbox (created_at);
