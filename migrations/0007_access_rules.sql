-- Access control rules as pgdeck last saw them applied, per instance, so an
-- apply's diff can say field by field what changes and which rules move
-- (upstream lists only the rules as they will be).
CREATE TABLE hba_baselines (
    instance_id  TEXT PRIMARY KEY,
    rules        TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);

-- What an approver is shown beside the call: for an apply of access rules,
-- the diff computed when the request was filed (JSON, empty when none).
ALTER TABLE approval_requests ADD COLUMN detail TEXT NOT NULL DEFAULT '';
