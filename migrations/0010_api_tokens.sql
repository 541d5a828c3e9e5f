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

-- Members who sign in through the company's identity provider (OpenID
-- Connect) are linked by the provider's issuer and subject, never by
-- e-mail. Their password_hash is not a password (they have none here).
-- sso_suspended_at: set while the member's groups map to no pgdeck role
-- (sessions and tokens stop, as for a disabled member); cleared at a
-- sign-in whose groups map again. An admin's disabling is separate.
ALTER TABLE users ADD COLUMN oidc_issuer TEXT;
ALTER TABLE users ADD COLUMN oidc_subject TEXT;
ALTER TABLE users ADD COLUMN sso_suspended_at TEXT;
CREATE UNIQUE INDEX users_by_oidc ON users (oidc_issuer, oidc_subject) WHERE oidc_issuer IS NOT NULL;
