-- What duplicate detection found for each message: whether it repeats a resident's own earlier
-- message, reports an open case (linked automatically or suggested to staff) or joins a group of
-- recent messages of the same theme; how alike and how far apart; which rules answered.
-- received_at lets the in-memory index of recent messages be rebuilt at start.
CREATE TABLE message_duplicate (
    message_id          uuid PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    posted_at           timestamptz NOT NULL,
    received_at         timestamptz NOT NULL,
    kind                text NOT NULL,
    matched_message_id  uuid REFERENCES message (id) ON DELETE SET NULL,
    case_id             uuid,
    similarity          double precision NOT NULL DEFAULT 0,
    distance_meters     double precision,
    action              text NOT NULL,
    group_id            uuid,
    model_version       text NOT NULL,
    checked_at          timestamptz NOT NULL,
    CONSTRAINT message_duplicate_kind_check CHECK (kind IN ('none', 'exact', 'near', 'semantic', 'repeat')),
    CONSTRAINT message_duplicate_action_check CHECK (action IN ('none', 'linked', 'suggested', 'grouped')),
    CONSTRAINT message_duplicate_similarity_check CHECK (similarity BETWEEN -1 AND 1)
);
CREATE INDEX message_duplicate_received_idx ON message_duplicate (received_at);
CREATE INDEX message_duplicate_group_idx ON message_duplicate (group_id) WHERE group_id IS NOT NULL;
CREATE INDEX message_duplicate_case_idx ON message_duplicate (case_id, action) WHERE case_id IS NOT NULL;
