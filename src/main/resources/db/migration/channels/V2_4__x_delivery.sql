-- X (Twitter) replies: X has no idempotency key for posting, so each outbox message (by its
-- idempotency key) is claimed here before the post and marked with the tweet id after it. A
-- redelivered outbox message finds its key and is not posted again.
CREATE TABLE x_delivery (
    idempotency_key  text PRIMARY KEY,
    in_reply_to      text,
    status           text NOT NULL,
    attempts         integer NOT NULL DEFAULT 1,
    tweet_id         text,
    last_error       text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT x_delivery_status_check CHECK (status IN ('sending', 'retry', 'sent', 'refused', 'unknown'))
);
