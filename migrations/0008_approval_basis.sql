-- What an approver judged: `basis` holds the resources the call touches by
-- name and the state its effect depends on (model::Basis, JSON), read when
-- the request was filed and compared again before it runs; `gates` lists
-- every action whose policy the call fell under (its own, and those whose
-- effect it has). A request whose basis moved ends `stale` and is not run.
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt
-- with its ids; votes keep pointing at them (foreign keys are checked at
-- commit).
PRAGMA defer_foreign_keys = ON;
CREATE TABLE approval_requests_copy AS SELECT * FROM approval_requests;
DROP TABLE approval_requests;
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
    state            TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'cancelled', 'expired', 'running', 'executed', 'failed', 'unknown', 'stale')),
    approvals_needed INTEGER NOT NULL,
    approver_roles   TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    run_by           TEXT NOT NULL,
    job_id           TEXT,
    result_code      INTEGER,
    result_message   TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    detail           TEXT NOT NULL DEFAULT '',
    basis            TEXT NOT NULL DEFAULT '',
    gates            TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO approval_requests (id, action, resource_type, resource_id, resource_name, command, sealed_secrets, reason, requester_id,
    requester_name, state, approvals_needed, approver_roles, expires_at, run_by, job_id, result_code, result_message, created_at,
    updated_at, detail, gates)
SELECT id, action, resource_type, resource_id, resource_name, command, sealed_secrets, reason, requester_id,
    requester_name, state, approvals_needed, approver_roles, expires_at, run_by, job_id, result_code, result_message, created_at,
    updated_at, detail, action FROM approval_requests_copy;
DROP TABLE approval_requests_copy;
CREATE INDEX approval_requests_by_state ON approval_requests (state, created_at);
CREATE INDEX approval_requests_by_resource ON approval_requests (resource_id);
CREATE INDEX approval_requests_by_requester ON approval_requests (requester_id, state);
