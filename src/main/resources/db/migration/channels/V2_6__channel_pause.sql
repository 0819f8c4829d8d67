-- Channels an administrator paused: a paused connector stops reading (keeping its cursor) and
-- replies on its channel wait in the outbox. Kept here so that a restart does not resume them.
CREATE TABLE channel_pause (
    connector_id TEXT PRIMARY KEY,
    paused_at    TIMESTAMPTZ NOT NULL,
    paused_by    TEXT NOT NULL
);
