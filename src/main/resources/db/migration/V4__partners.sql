-- Partners embed the search on their own sites with a publishable key (pk_...), honoured only from the
-- origins registered for it. The key itself is never stored: only its SHA-256, which is enough for a
-- random 192-bit key, and a short hint to recognise it in listings.
CREATE TABLE partner (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    key_hash            text        NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    key_hint            text        NOT NULL,
    -- Web origins as browsers send them: scheme://host[:port], lower case, no default port, no path.
    origins             text[]      NOT NULL CHECK (cardinality(origins) BETWEEN 1 AND 50),
    rate_limit          integer     NOT NULL CHECK (rate_limit > 0),
    rate_window_seconds integer     NOT NULL CHECK (rate_window_seconds IN (1, 60, 3600)),
    created_at          timestamptz NOT NULL DEFAULT now(),
    revoked_at          timestamptz
);
