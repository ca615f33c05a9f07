-- Match keys (leads.MatchKeys) and the IDs merged into a lead.
--
-- merged_from is Lead.MergedFrom: NULL for nil, '{}' for an empty list, so
-- that either comes back as written.
--
-- lead_keys holds one row per key of each lead, computed by Go
-- (leads.MatchKeys) when the lead is written, never by SQL.
-- LeadRepository.Lookup reads one range of its primary key, (key, lead_id):
-- the leads having a key, in ID order, without scanning the leads. Keys
-- compare byte by byte (COLLATE "C"), as Go compares them. Deleting a lead
-- deletes its keys (the cascade uses lead_keys_lead).
--
-- match_keys_version holds the leads.MatchKeysVersion the keys were computed
-- with. Open recomputes every lead's keys when it differs from the
-- program's; 0, what this migration writes, makes the first Open compute
-- the keys of the leads already stored.

ALTER TABLE leads
	ADD COLUMN merged_from uuid[];

CREATE TABLE lead_keys (
	key     text COLLATE "C" NOT NULL,
	lead_id uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
	PRIMARY KEY (key, lead_id)
);

CREATE INDEX lead_keys_lead ON lead_keys (lead_id);

CREATE TABLE match_keys_version (
	one     boolean PRIMARY KEY DEFAULT true CHECK (one),
	version integer NOT NULL
);

INSERT INTO match_keys_version (version) VALUES (0);
