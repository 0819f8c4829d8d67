-- Departments, the services residents can request, and the cases that track the work.
CREATE TABLE department (
    code  text PRIMARY KEY,
    name  text NOT NULL,
    email text
);

CREATE TABLE service (
    code                 text PRIMARY KEY,
    name                 text NOT NULL,
    description          text NOT NULL DEFAULT '',
    department_code      text NOT NULL REFERENCES department (code),
    acknowledge_hours    integer NOT NULL CHECK (acknowledge_hours > 0),
    resolve_hours        integer NOT NULL CHECK (resolve_hours > 0),
    keywords             text NOT NULL DEFAULT '',
    active               boolean NOT NULL DEFAULT true
);

CREATE SEQUENCE case_number_seq;

CREATE TABLE civic_case (
    id                uuid PRIMARY KEY,
    reference         text NOT NULL UNIQUE,
    service_code      text NOT NULL REFERENCES service (code),
    department_code   text NOT NULL REFERENCES department (code),
    priority          text NOT NULL,
    status            text NOT NULL,
    title             text NOT NULL,
    description       text NOT NULL,
    address           text,
    latitude          double precision,
    longitude         double precision,
    assignee          text,
    opened_at         timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    acknowledge_due   timestamptz NOT NULL,
    resolve_due       timestamptz NOT NULL,
    acknowledged_at   timestamptz,
    resolved_at       timestamptz,
    closed_at         timestamptz,
    version           integer NOT NULL DEFAULT 0,
    CONSTRAINT civic_case_priority_check CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    CONSTRAINT civic_case_status_check CHECK (status IN
        ('new', 'acknowledged', 'assigned', 'in_progress', 'resolved', 'closed', 'reopened'))
);
CREATE INDEX civic_case_open_idx ON civic_case (opened_at DESC) WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX civic_case_status_idx ON civic_case (status, opened_at DESC);

-- The life of a case: every transition, who made it, and what the public and staff were told.
CREATE TABLE case_event (
    id             bigserial PRIMARY KEY,
    case_id        uuid NOT NULL REFERENCES civic_case (id),
    occurred_at    timestamptz NOT NULL,
    actor          text NOT NULL,
    from_status    text,
    to_status      text NOT NULL,
    public_note    text,
    internal_note  text
);
CREATE INDEX case_event_case_idx ON case_event (case_id, occurred_at);

-- Every resident message that reported this case, from any channel.
CREATE TABLE case_reporter (
    case_id      uuid NOT NULL REFERENCES civic_case (id),
    message_id   uuid NOT NULL UNIQUE,
    channel      text NOT NULL,
    attached_at  timestamptz NOT NULL,
    attached_by  text NOT NULL,
    PRIMARY KEY (case_id, message_id)
);
