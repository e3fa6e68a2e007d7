-- Admins run the directory. Passwords are bcrypt hashes; personal API tokens, like partner keys, are kept only
-- as their SHA-256.
CREATE TABLE admin_account (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text        NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
    password_hash text        NOT NULL CHECK (password_hash ~ '^\$2[aby]?\$'),
    role          text        NOT NULL CHECK (role IN ('admin', 'editor')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    disabled_at   timestamptz
);
CREATE UNIQUE INDEX admin_account_email ON admin_account (lower(email));

CREATE TABLE admin_token (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id   uuid        NOT NULL REFERENCES admin_account (id) ON DELETE CASCADE,
    name         text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    token_hash   text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    token_hint   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX admin_token_account ON admin_token (account_id, created_at);
