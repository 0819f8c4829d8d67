-- Staff users and their roles; the append-only, hash-chained audit trail.
CREATE TABLE staff_user (
    id              uuid PRIMARY KEY,
    username        text NOT NULL,
    display_name    text NOT NULL,
    password_hash   text NOT NULL,
    roles           text[] NOT NULL,
    department_code text,
    enabled         boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT staff_user_roles_not_empty CHECK (cardinality(roles) > 0)
);
CREATE UNIQUE INDEX staff_user_username_key ON staff_user (lower(username));

CREATE TABLE audit_event (
    id           bigserial PRIMARY KEY,
    occurred_at  timestamptz NOT NULL,
    actor        text NOT NULL,
    action       text NOT NULL,
    subject_type text NOT NULL,
    subject_id   text NOT NULL,
    details      jsonb NOT NULL DEFAULT '{}'::jsonb,
    prev_hash    text NOT NULL,
    hash         text NOT NULL UNIQUE
);
CREATE INDEX audit_event_subject_idx ON audit_event (subject_type, subject_id);

-- the audit trail is append-only
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END $$;
CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
