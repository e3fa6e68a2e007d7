-- Imports started from the admin API: who started them, how much of the file has been read and what the run
-- is doing (for progress), the options a checked dry run is published with, and the run that published it.
ALTER TABLE import_run
    ADD COLUMN started_by      text,
    ADD COLUMN phase           text,
    ADD COLUMN bytes_read      bigint NOT NULL DEFAULT 0,
    ADD COLUMN default_country text,
    ADD COLUMN max_errors      bigint,
    ADD COLUMN published_run   uuid;

-- Starting and publishing an import is recorded in the audit trail.
ALTER TABLE audit_event DROP CONSTRAINT audit_event_entity_type_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_entity_type_check
    CHECK (entity_type IN ('provider', 'account', 'token', 'partner', 'import'));
