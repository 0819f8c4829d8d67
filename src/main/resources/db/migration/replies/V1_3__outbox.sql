-- Transactional outbox: a message to a resident is committed before it is sent, sent once.
CREATE TABLE outbox_message (
    id               uuid PRIMARY KEY,
    idempotency_key  text NOT NULL UNIQUE,
    channel          text NOT NULL,
    recipient        text NOT NULL,
    subject          text NOT NULL,
    body             text NOT NULL,
    status           text NOT NULL DEFAULT 'pending',
    attempts         integer NOT NULL DEFAULT 0,
    last_error       text,
    created_at       timestamptz NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    sent_at          timestamptz,
    CONSTRAINT outbox_message_status_check CHECK (status IN ('pending', 'sent', 'failed'))
);
CREATE INDEX outbox_message_pending_idx ON outbox_message (next_attempt_at) WHERE status = 'pending';
