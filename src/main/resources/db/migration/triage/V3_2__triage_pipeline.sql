-- The stages run on every message, stored beside language and redaction: the emergency found (if
-- any) and the words that showed it, the sentiment (VADER compound), the city service the message
-- is about with how sure the model is, whether that is too unsure to act on ("needs a human") and
-- why (nearest corrected examples, or the words it shares with the service's description).
ALTER TABLE message_triage
    ADD COLUMN emergency_hazard     text,
    ADD COLUMN emergency_evidence   text,
    ADD COLUMN sentiment_compound   double precision,
    ADD COLUMN category             text,
    ADD COLUMN category_confidence  double precision,
    ADD COLUMN category_needs_human boolean NOT NULL DEFAULT false,
    ADD COLUMN category_why         jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN category_why_kind    text;

CREATE INDEX message_triage_needs_human_idx ON message_triage (message_id) WHERE category_needs_human;
CREATE INDEX message_triage_emergency_idx ON message_triage (message_id) WHERE emergency_hazard IS NOT NULL;

-- Staff corrections of any stage's answer, beside the machine's: which stage (category, kind,
-- location, duplicate, ...), what the machine (or an earlier correction) said, what staff say,
-- who and when. Never updated: a second correction is a new row; the newest per stage wins.
CREATE TABLE triage_correction (
    id           bigserial PRIMARY KEY,
    message_id   uuid NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    stage        text NOT NULL,
    old_value    text,
    new_value    text NOT NULL,
    corrected_by text NOT NULL,
    corrected_at timestamptz NOT NULL
);

CREATE INDEX triage_correction_message_idx ON triage_correction (message_id, stage, id);
CREATE INDEX triage_correction_stage_idx ON triage_correction (stage, id);

-- One alert per message found to be an emergency: raised at once for on-duty staff, until one of
-- them acknowledges it. replied_on: the channel the resident was told to call 911 on (null: no way
-- to reach them).
CREATE TABLE emergency_alert (
    message_id      uuid PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    hazard          text NOT NULL,
    evidence        text NOT NULL,
    language        text NOT NULL,
    channel         text NOT NULL,
    replied_on      text,
    raised_at       timestamptz NOT NULL,
    acknowledged_by text,
    acknowledged_at timestamptz
);

CREATE INDEX emergency_alert_open_idx ON emergency_alert (raised_at) WHERE acknowledged_at IS NULL;
