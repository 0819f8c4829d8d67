-- SMS channel (Twilio-compatible). Phone numbers here are personal data (E.164).

-- Who asked not to be texted: one row per phone number, the current state and the last keyword.
-- The SMS sender reads this right before every send; a number with opted_out = true is never texted.
CREATE TABLE sms_opt_out (
    phone        text PRIMARY KEY,
    opted_out    boolean NOT NULL,
    keyword      text NOT NULL,
    message_sid  text,
    changed_at   timestamptz NOT NULL,
    reason       text NOT NULL
);

-- Every STOP / START / HELP received, once per provider message id (the provider retries webhooks):
-- when and why a number's state changed.
CREATE TABLE sms_keyword_event (
    message_sid  text PRIMARY KEY,
    phone        text NOT NULL,
    keyword      text NOT NULL,
    received_at  timestamptz NOT NULL
);
CREATE INDEX sms_keyword_event_phone_idx ON sms_keyword_event (phone, received_at DESC);

-- Which outbox messages (by idempotency key) were handed to the provider: the provider has no
-- idempotency key of its own, so a redelivered outbox message is checked here before texting.
CREATE TABLE sms_delivery (
    idempotency_key  text PRIMARY KEY,
    recipient        text NOT NULL,
    status           text NOT NULL,
    attempts         integer NOT NULL DEFAULT 1,
    provider_sid     text,
    last_error       text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT sms_delivery_status_check CHECK (status IN ('sending', 'retry', 'sent', 'refused', 'unknown'))
);
