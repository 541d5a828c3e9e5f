-- Team members. Passwords are argon2id PHC strings; usernames compare
-- without case so "Alice" and "alice" cannot both exist.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'approver', 'auditor', 'admin')),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- One row per signed-in browser. The session cookie carries `sid`; removing
-- the row ends that session at its next request (sign-out, "end session",
-- disabling the member, changing their role).
CREATE TABLE user_sessions (
    sid          TEXT PRIMARY KEY NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    client_addr  TEXT NOT NULL,
    user_agent   TEXT NOT NULL
) STRICT;
CREATE INDEX user_sessions_by_user ON user_sessions (user_id);

-- A member's NHN Cloud credential sets. Secrets are sealed with
-- XChaCha20-Poly1305 under the master key (nonce || ciphertext); only their
-- last four characters are kept in the clear, for display.
CREATE TABLE credentials (
    id                 INTEGER PRIMARY KEY,
    user_id            INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label              TEXT NOT NULL,
    api_base           TEXT NOT NULL,
    appkey_enc         BLOB NOT NULL,
    appkey_last4       TEXT NOT NULL,
    access_key_id_enc  BLOB NOT NULL,
    access_key_id_last4 TEXT NOT NULL,
    secret_enc         BLOB NOT NULL,
    secret_last4       TEXT NOT NULL,
    active             INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
    created_at         TEXT NOT NULL,
    last_tested_at     TEXT,
    last_test_ok       INTEGER,
    last_test_message  TEXT
) STRICT;
CREATE INDEX credentials_by_user ON credentials (user_id);
CREATE UNIQUE INDEX one_active_credential ON credentials (user_id) WHERE active = 1;
