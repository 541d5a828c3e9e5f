-- Facts about this pgdeck installation (schema version is kept by sqlx itself).
CREATE TABLE pgdeck_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

INSERT INTO pgdeck_meta (key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
