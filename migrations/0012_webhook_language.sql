-- The language pgdeck writes a webhook's notices in: 'en' or 'ko'.
ALTER TABLE webhooks ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ko'));
