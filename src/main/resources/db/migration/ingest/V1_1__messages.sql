-- Every inbound resident voice, stored once per (channel, external_id).
CREATE TABLE message (
    id               uuid PRIMARY KEY,
    channel          text NOT NULL,
    external_id      text NOT NULL,
    public_reference text NOT NULL UNIQUE,
    author_handle    text,
    author_name      text,
    body             text NOT NULL,
    language         text,
    address          text,
    latitude         double precision,
    longitude        double precision,
    posted_at        timestamptz NOT NULL,
    received_at      timestamptz NOT NULL,
    reply_to         text,
    url              text,
    raw              jsonb,
    status           text NOT NULL DEFAULT 'new',
    case_id          uuid,
    case_reference   text,
    search           tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(body, '') || ' ' || coalesce(address, ''))) STORED,
    CONSTRAINT message_channel_external_id_key UNIQUE (channel, external_id),
    CONSTRAINT message_status_check CHECK (status IN ('new', 'in_case', 'dismissed')),
    CONSTRAINT message_latitude_check CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    CONSTRAINT message_longitude_check CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180)
);
CREATE INDEX message_received_idx ON message (received_at DESC);
CREATE INDEX message_new_idx ON message (received_at DESC) WHERE status = 'new';
CREATE INDEX message_search_idx ON message USING gin (search);
CREATE INDEX message_case_idx ON message (case_id) WHERE case_id IS NOT NULL;

-- How to reach the author again: personal data, never shown on public pages.
CREATE TABLE message_contact (
    message_id uuid PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    email      text,
    phone      text
);

CREATE TABLE message_media (
    id           uuid PRIMARY KEY,
    message_id   uuid NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    content_type text NOT NULL,
    file_name    text,
    size_bytes   integer NOT NULL,
    content      bytea NOT NULL
);
CREATE INDEX message_media_message_idx ON message_media (message_id);
