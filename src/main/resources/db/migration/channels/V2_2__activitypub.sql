-- ActivityPub: the city's own actors, who follows them, what they published, and what remote
-- actors (and their keys) look like.

-- One row per city account (civicloop.channels.activitypub.accounts), made on first use with a new
-- RSA 2048 key pair. The private key signs every delivery and signed fetch; it is read in one place
-- (ActorKeys.privateKey).
CREATE TABLE activitypub_actor (
    name             text PRIMARY KEY,
    public_key_pem   text NOT NULL,
    private_key_pem  text NOT NULL,
    created_at       timestamptz NOT NULL
);

-- Remote actors as fetched from their actor document: the key that verifies their requests, their
-- inbox, and who they are. Refetched when older than the cache TTL or when a signature fails.
CREATE TABLE activitypub_remote_actor (
    actor_id            text PRIMARY KEY,
    key_id              text NOT NULL,
    public_key_pem      text NOT NULL,
    inbox               text,
    shared_inbox        text,
    preferred_username  text,
    name                text,
    host                text NOT NULL,
    url                 text,
    fetched_at          timestamptz NOT NULL
);
CREATE UNIQUE INDEX activitypub_remote_actor_key_idx ON activitypub_remote_actor (key_id);
CREATE INDEX activitypub_remote_actor_handle_idx ON activitypub_remote_actor (lower(preferred_username), lower(host));

-- Who follows a city account. follow_id is the Follow activity's id (an Undo names it).
CREATE TABLE activitypub_follower (
    account      text NOT NULL REFERENCES activitypub_actor (name),
    actor_id     text NOT NULL,
    inbox        text NOT NULL,
    follow_id    text,
    followed_at  timestamptz NOT NULL,
    PRIMARY KEY (account, actor_id)
);

-- Notes a resident addressed to a city account: which account, so that the answer comes from it.
CREATE TABLE activitypub_received_note (
    note_id      text PRIMARY KEY,
    account      text NOT NULL,
    actor_id     text NOT NULL,
    received_at  timestamptz NOT NULL
);

-- Notes the city published (replies), served at their id; one per outbox idempotency key, so a
-- redelivery sends the same note.
CREATE TABLE activitypub_note (
    id               text PRIMARY KEY,
    account          text NOT NULL REFERENCES activitypub_actor (name),
    idempotency_key  text NOT NULL UNIQUE,
    document         text NOT NULL,
    published_at     timestamptz NOT NULL
);
CREATE INDEX activitypub_note_account_idx ON activitypub_note (account, published_at DESC);

-- Signed deliveries to remote inboxes: replies (sent by the outbox) and Accepts of follows (sent by
-- the channel's own delivery loop, retried with backoff).
CREATE TABLE activitypub_delivery (
    id               uuid PRIMARY KEY,
    account          text NOT NULL,
    kind             text NOT NULL,
    reference        text NOT NULL,
    inbox            text NOT NULL,
    document         text NOT NULL,
    status           text NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    last_error       text,
    next_attempt_at  timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT activitypub_delivery_kind_check CHECK (kind IN ('accept', 'reply')),
    CONSTRAINT activitypub_delivery_status_check CHECK (status IN ('pending', 'sent', 'failed')),
    UNIQUE (kind, reference, inbox)
);
CREATE INDEX activitypub_delivery_due_idx ON activitypub_delivery (next_attempt_at) WHERE status = 'pending';
