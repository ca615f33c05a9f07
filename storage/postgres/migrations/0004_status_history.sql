-- The status history of leads: every status a lead reached, with its time,
-- user and reason (leads.StatusStep), oldest first.
--
-- It is read and written whole with the record and never searched, so it
-- is one json column (json, not jsonb, like the other lists: the text is
-- kept as written). 'null' is a lead without a history, which is what rows
-- written before this migration hold.

ALTER TABLE leads
	ADD COLUMN status_history json NOT NULL DEFAULT 'null';
