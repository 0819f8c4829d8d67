-- What kind of message this is, whether it is abusive, and how urgent, beside each message: the
-- answer of the kind stage (emergency rules, abuse classifier, kind model) and of the urgency
-- rules, with the reasons staff see and the models' versions. Abusive messages are hidden from
-- public views, never answered automatically and flagged for staff.
CREATE TABLE message_kind (
    message_id  uuid PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    kind        text NOT NULL,
    confidence  double precision NOT NULL,
    abusive     boolean NOT NULL,
    urgency     integer NOT NULL,
    priority    text NOT NULL,
    reasons     jsonb NOT NULL DEFAULT '[]',
    version     text NOT NULL,
    judged_at   timestamptz NOT NULL,
    CONSTRAINT message_kind_kind_check CHECK (kind IN ('service_request', 'question', 'opinion', 'complaint',
        'praise', 'emergency', 'abuse', 'spam', 'off_topic')),
    CONSTRAINT message_kind_confidence_check CHECK (confidence BETWEEN 0 AND 1),
    CONSTRAINT message_kind_urgency_check CHECK (urgency BETWEEN 0 AND 100),
    CONSTRAINT message_kind_priority_check CHECK (priority IN ('low', 'normal', 'high', 'urgent'))
);

CREATE INDEX message_kind_abusive_idx ON message_kind (message_id) WHERE abusive;
CREATE INDEX message_kind_urgency_idx ON message_kind (urgency DESC);
