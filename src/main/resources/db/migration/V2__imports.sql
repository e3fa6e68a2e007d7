-- Imports: a provider's identity within its source, a digest of its content (so that re-importing an
-- unchanged list changes nothing), and the record of every import run with the rows it set aside.

-- 'id:<external id>' where the list has ids, else 'fp:<fingerprint of name, postcode or city, country>';
-- providers created by hand use 'uuid:<id>'.
ALTER TABLE provider ADD COLUMN source_key text;
UPDATE provider SET source_key = CASE WHEN external_id IS NOT NULL THEN 'id:' || external_id ELSE 'uuid:' || id END;
ALTER TABLE provider ALTER COLUMN source_key SET NOT NULL;
ALTER TABLE provider ADD CONSTRAINT provider_source_key_length CHECK (length(source_key) <= 300);
DROP INDEX provider_source_external_id;
ALTER TABLE provider ADD CONSTRAINT provider_source_identity UNIQUE (source, source_key);

-- md5 of the provider's content as an import wrote it; null for rows written otherwise.
ALTER TABLE provider ADD COLUMN content_hash text;

CREATE TABLE import_run (
    id           uuid PRIMARY KEY,
    source       text NOT NULL,
    file_name    text NOT NULL,
    file_sha256  text,
    file_bytes   bigint,
    format       text,
    mode         text NOT NULL CHECK (mode IN ('upsert', 'sync')),
    dry_run      boolean NOT NULL,
    -- running, then: published (changes committed), validated (a dry run that finished), failed (nothing
    -- published; failure says why), abandoned (the job died while running).
    status       text NOT NULL CHECK (status IN ('running', 'published', 'validated', 'failed', 'abandoned')),
    failure      text,
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    rows_read    bigint NOT NULL DEFAULT 0,
    accepted     bigint NOT NULL DEFAULT 0,
    rejected     bigint NOT NULL DEFAULT 0,
    merged       bigint NOT NULL DEFAULT 0,
    inserted     bigint NOT NULL DEFAULT 0,
    updated      bigint NOT NULL DEFAULT 0,
    unchanged    bigint NOT NULL DEFAULT 0,
    unpublished  bigint NOT NULL DEFAULT 0,
    -- The job's own database session while it runs; a run whose session is gone was abandoned.
    backend_pid  integer
);
CREATE INDEX import_run_started ON import_run (started_at DESC);
CREATE INDEX import_run_source ON import_run (source, started_at DESC);

-- What a run set aside or changed on its way: rejected rows (one entry per bad field), rows merged into an
-- earlier duplicate, columns it did not know.
CREATE TABLE import_issue (
    run_id  uuid NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
    line    bigint,
    kind    text NOT NULL CHECK (kind IN ('rejected', 'merged', 'ignored-column')),
    field   text,
    value   text,
    reason  text NOT NULL
);
CREATE INDEX import_issue_run ON import_issue (run_id, line);
