-- A request's result as codes and values (JSON, a line each), so that a
-- page words it in the member's language; result_message keeps the English.
ALTER TABLE approval_requests ADD COLUMN result_said TEXT NOT NULL DEFAULT '[]';
-- What a credential test found, the same way (last_test_message keeps the English).
ALTER TABLE credentials ADD COLUMN last_test_said TEXT NOT NULL DEFAULT '[]';
