-- Tokens for scripts and other systems calling the staff API on behalf of a member of staff.
CREATE TABLE api_token (
    id           uuid PRIMARY KEY,
    name         text NOT NULL,
    token_hash   text NOT NULL UNIQUE,
    username     text NOT NULL,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_token_username_idx ON api_token (lower(username));
