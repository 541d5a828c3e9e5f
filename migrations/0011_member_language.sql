-- The language a member reads pgdeck in: 'en' or 'ko', or NULL to follow
-- what their browser asks for (Accept-Language), then the panel's default.
ALTER TABLE users ADD COLUMN language TEXT CHECK (language IS NULL OR language IN ('en', 'ko'));
