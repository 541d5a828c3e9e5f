-- The audit log: append-only and hash-chained. Each row's `mac` is an
-- HMAC-SHA256 over its canonical content and the previous row's `mac`, under
-- a key derived from the master key; `pgdeck audit verify` walks the chain.
CREATE TABLE audit_events (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor_id       INTEGER,
    actor_name     TEXT NOT NULL,
    role           TEXT NOT NULL,
    client_addr    TEXT NOT NULL,
    user_agent     TEXT NOT NULL,
    action         TEXT NOT NULL,
    resource_type  TEXT NOT NULL,
    resource_id    TEXT NOT NULL,
    resource_name  TEXT NOT NULL,
    summary        TEXT NOT NULL,
    outcome        TEXT NOT NULL CHECK (outcome IN ('succeeded', 'refused', 'failed', 'awaiting_approval')),
    result_code    INTEGER,
    result_message TEXT NOT NULL,
    job_id         TEXT,
    approval_id    INTEGER,
    duration_ms    INTEGER NOT NULL,
    prev_mac       TEXT NOT NULL,
    mac            TEXT NOT NULL
) STRICT;
-- Rows are appended in time order, so `id` doubles as the time axis: a time
-- range becomes an id range (found through `audit_by_time`), and every
-- filter index ends in `id` to page newest-first without sorting.
CREATE INDEX audit_by_time ON audit_events (at);
CREATE INDEX audit_by_actor ON audit_events (actor_name, id);
CREATE INDEX audit_by_resource ON audit_events (resource_id, id);
CREATE INDEX audit_by_resource_name ON audit_events (resource_name, id);
CREATE INDEX audit_by_action ON audit_events (action, id);
CREATE INDEX audit_by_outcome ON audit_events (outcome, id);

