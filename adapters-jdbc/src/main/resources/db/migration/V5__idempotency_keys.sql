-- Idempotency keys (ADR 0015): what a keyed write did, under its caller and key, written in the
-- same transaction as the change itself.
CREATE TABLE idempotency_key (
    caller      VARCHAR(64)              NOT NULL,
    idem_key    VARCHAR(255)             NOT NULL,
    fingerprint CHAR(64)                 NOT NULL,
    -- The application's clock, as for sessions; the key expires a configured time after it.
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- A ParkingFailure code; NULL when the write succeeded.
    refusal     VARCHAR(32),
    -- The session a start or an end wrote; no foreign key, since sessions move between tables.
    session_id  VARCHAR(64),
    CONSTRAINT idempotency_key_pk PRIMARY KEY (caller, idem_key)
);

-- The purge walks expired keys oldest first.
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
