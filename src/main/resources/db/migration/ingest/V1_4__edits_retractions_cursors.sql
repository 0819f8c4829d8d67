-- Residents edit and delete what they posted: edits keep the history, deletions retract the
-- message from every view but keep the record of what happened.
ALTER TABLE message ADD COLUMN edited_at timestamptz;
ALTER TABLE message ADD COLUMN retracted_at timestamptz;
ALTER TABLE message ADD COLUMN retraction_reason text;

CREATE TABLE message_revision (
    id          bigserial PRIMARY KEY,
    message_id  uuid NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    body        text NOT NULL,
    raw         jsonb,
    replaced_at timestamptz NOT NULL
);
CREATE INDEX message_revision_message_idx ON message_revision (message_id, id);

DROP INDEX message_received_idx;
CREATE INDEX message_received_idx ON message (received_at DESC) WHERE retracted_at IS NULL;

-- Where each connector stands in its source; moved only together with what it covers.
CREATE TABLE connector_cursor (
    connector  text PRIMARY KEY,
    position   text NOT NULL,
    updated_at timestamptz NOT NULL
);
