-- Each shop that uploads: its sync id (the agent's [sync] store_id) and the SHA-256 of its bearer token.
-- A token is 32 random bytes, so its hash needs no salt; the token itself is shown once and never kept.
CREATE TABLE store (
    id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,64}$'),
    name text NOT NULL,
    token_sha256 text NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
