-- Upgrades of stored values that need Rust (domain::upgrade): each step runs
-- once at start-up, after the migrations, and is recorded here with the rows
-- it converted. A name is never reused.
CREATE TABLE data_upgrades (
    name   TEXT PRIMARY KEY NOT NULL,
    rows   INTEGER NOT NULL,
    ran_at TEXT NOT NULL
) STRICT;
