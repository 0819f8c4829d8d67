-- Where each message is about: the words that named the place (or none, for coordinates sent with
-- the message), what kind of place, its point (null when the gazetteer knows the street but not where
-- it is), the neighbourhood the point falls in, how sure, where it came from (payload, address, text)
-- and which rules and gazetteer answered. A message that names no place has no row.
CREATE TABLE message_location (
    message_id    uuid PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    found_text    text,
    kind          text NOT NULL,
    latitude      double precision,
    longitude     double precision,
    neighbourhood text,
    confidence    double precision NOT NULL,
    source        text NOT NULL,
    version       text NOT NULL,
    located_at    timestamptz NOT NULL,
    CONSTRAINT message_location_kind_check
        CHECK (kind IN ('coordinates', 'address', 'intersection', 'landmark', 'street')),
    CONSTRAINT message_location_source_check CHECK (source IN ('payload', 'address', 'text')),
    CONSTRAINT message_location_confidence_check CHECK (confidence BETWEEN 0 AND 1),
    CONSTRAINT message_location_point_check CHECK ((latitude IS NULL) = (longitude IS NULL))
);

CREATE INDEX message_location_neighbourhood_idx ON message_location (neighbourhood);
