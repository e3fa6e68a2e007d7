-- Every change made through the admin API or the command line: who, when, what, and the values before and
-- after. Written in the transaction of the change itself, so that no change goes unrecorded.
CREATE TABLE audit_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 254),
    action      text        NOT NULL CHECK (action ~ '^[a-z]+\.[a-z-]+$'),
    entity_type text        NOT NULL CHECK (entity_type IN ('provider', 'account', 'token')),
    entity_id   text        NOT NULL,
    before      jsonb,
    after       jsonb
);
CREATE INDEX audit_event_by_entity ON audit_event (entity_type, entity_id, id DESC);
CREATE INDEX audit_event_by_actor ON audit_event (lower(actor), id DESC);
