-- Every upstream job pgdeck started, followed until it ends (and across
-- restarts: the tracker resumes whatever is not finished).
CREATE TABLE jobs (
    job_id         TEXT PRIMARY KEY NOT NULL,
    action         TEXT NOT NULL,
    resource_type  TEXT NOT NULL,
    resource_id    TEXT NOT NULL,
    resource_name  TEXT NOT NULL,
    user_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    username       TEXT NOT NULL,
    credential_id  INTEGER,
    status         TEXT NOT NULL,
    finished       INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
    note           TEXT NOT NULL DEFAULT '',
    polls          INTEGER NOT NULL DEFAULT 0,
    next_poll_at   INTEGER NOT NULL,
    audit_id       INTEGER,
    approval_id    INTEGER,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    finished_at    TEXT
) STRICT;
CREATE INDEX jobs_unfinished ON jobs (finished, next_poll_at);
CREATE INDEX jobs_by_resource ON jobs (resource_id, created_at);
CREATE INDEX jobs_by_time ON jobs (created_at);
