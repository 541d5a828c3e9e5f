-- Personal API tokens: a member's key for automation on /api/v1. Only a
-- hash of the secret is kept (SHA-256 of a 256-bit random secret: the
-- secret is shown once, at creation). A token acts as its member, never
-- beyond the member's role at the moment of use, nor beyond its scopes.
CREATE TABLE api_tokens (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    -- The secret's first characters, to tell tokens apart ("pgd_Ab12…").
    prefix          TEXT NOT NULL,
    secret_hash     TEXT NOT NULL UNIQUE,
    -- Comma-separated: read, change, approve.
    scopes          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    last_used_at    TEXT,
    last_used_from  TEXT NOT NULL DEFAULT '',
    revoked_at      TEXT,
    revoked_by      TEXT NOT NULL DEFAULT '',
    UNIQUE (user_id, name)
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
