-- Write-ahead audit: a change's intent row is committed before its call
-- leaves, and its outcome row names the intent it completes (`intent_id`).
-- Two new outcomes: `intent`, and `unknown` for an intent whose call was
-- interrupted by a stop (settled at start-up, never re-sent). SQLite cannot
-- change a CHECK constraint in place, so the table is rebuilt; rows keep
-- their ids and MACs.
CREATE TABLE audit_events_new (
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
    outcome        TEXT NOT NULL CHECK (outcome IN ('succeeded', 'refused', 'failed', 'awaiting_approval', 'intent', 'unknown')),
    result_code    INTEGER,
    result_message TEXT NOT NULL,
    job_id         TEXT,
    approval_id    INTEGER,
    duration_ms    INTEGER NOT NULL,
    intent_id      INTEGER,
    prev_mac       TEXT NOT NULL,
    mac            TEXT NOT NULL
) STRICT;
INSERT INTO audit_events_new (id, at, actor_id, actor_name, role, client_addr, user_agent, action, resource_type, resource_id, resource_name,
    summary, outcome, result_code, result_message, job_id, approval_id, duration_ms, intent_id, prev_mac, mac)
SELECT id, at, actor_id, actor_name, role, client_addr, user_agent, action, resource_type, resource_id, resource_name,
    summary, outcome, result_code, result_message, job_id, approval_id, duration_ms, NULL, prev_mac, mac FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_new RENAME TO audit_events;
CREATE INDEX audit_by_time ON audit_events (at);
CREATE INDEX audit_by_actor ON audit_events (actor_name, id);
CREATE INDEX audit_by_resource ON audit_events (resource_id, id);
CREATE INDEX audit_by_resource_name ON audit_events (resource_name, id);
CREATE INDEX audit_by_action ON audit_events (action, id);
CREATE INDEX audit_by_outcome ON audit_events (outcome, id);
CREATE UNIQUE INDEX audit_by_intent ON audit_events (intent_id) WHERE intent_id IS NOT NULL;
