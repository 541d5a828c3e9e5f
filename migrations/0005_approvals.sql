-- Approval policies per action. An action without a row uses the default of
-- pgdeck's action table (gated or not, one approval by an approver or admin,
-- open 24 hours, run within 24 hours of approval).
CREATE TABLE approval_policies (
    action           TEXT PRIMARY KEY NOT NULL,
    required         INTEGER NOT NULL CHECK (required IN (0, 1)),
    approvals_needed INTEGER NOT NULL CHECK (approvals_needed BETWEEN 1 AND 5),
    approver_roles   TEXT NOT NULL,
    open_hours       INTEGER NOT NULL CHECK (open_hours BETWEEN 1 AND 720),
    run_within_hours INTEGER NOT NULL CHECK (run_within_hours BETWEEN 1 AND 720),
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL
) STRICT;

-- A gated action waiting for, or past, its approvals. `command` is what runs
-- (secrets removed); `sealed_secrets` holds the secrets sealed in the vault.
-- State moves only by conditional updates: pending → approved → running →
-- executed | failed | unknown, or pending → rejected | cancelled | expired.
CREATE TABLE approval_requests (
    id               INTEGER PRIMARY KEY,
    action           TEXT NOT NULL,
    resource_type    TEXT NOT NULL,
    resource_id      TEXT NOT NULL,
    resource_name    TEXT NOT NULL,
    command          TEXT NOT NULL,
    sealed_secrets   BLOB,
    reason           TEXT NOT NULL,
    requester_id     INTEGER NOT NULL REFERENCES users (id),
    requester_name   TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'cancelled', 'expired', 'running', 'executed', 'failed', 'unknown')),
    approvals_needed INTEGER NOT NULL,
    approver_roles   TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    run_by           TEXT NOT NULL,
    job_id           TEXT,
    result_code      INTEGER,
    result_message   TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX approval_requests_by_state ON approval_requests (state, created_at);
CREATE INDEX approval_requests_by_resource ON approval_requests (resource_id);

CREATE TABLE approval_votes (
    request_id INTEGER NOT NULL REFERENCES approval_requests (id),
    voter_id   INTEGER NOT NULL REFERENCES users (id),
    voter_name TEXT NOT NULL,
    vote       TEXT NOT NULL CHECK (vote IN ('approve', 'reject')),
    comment    TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (request_id, voter_id)
) STRICT;

-- Where approval events are announced (Slack-compatible or NHN Dooray).
CREATE TABLE webhooks (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    url        TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('slack', 'dooray')),
    enabled    INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE webhook_deliveries (
    id           INTEGER PRIMARY KEY,
    webhook_id   INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event        TEXT NOT NULL,
    request_id   INTEGER,
    status       TEXT NOT NULL CHECK (status IN ('sent', 'failed', 'dropped')),
    attempts     INTEGER NOT NULL,
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
) STRICT;
