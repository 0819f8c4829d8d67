-- What triage understood of each message, beside it: the language, the text with personal data
-- replaced by placeholders (what public pages and non-privileged roles may see; the original stays
-- in message.body for authorised staff), where the personal data was (types and offsets, never
-- the values), and which models answered.
CREATE TABLE message_triage (
    message_id          uuid PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    language            text NOT NULL,
    language_confidence double precision NOT NULL,
    redacted_text       text NOT NULL,
    findings            jsonb NOT NULL DEFAULT '[]',
    model_version       text NOT NULL,
    triaged_at          timestamptz NOT NULL,
    CONSTRAINT message_triage_confidence_check CHECK (language_confidence BETWEEN 0 AND 1)
);
