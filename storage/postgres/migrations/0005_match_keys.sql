-- Match keys (leads.MatchKeys) and the IDs merged into a lead.
--
-- merged_from is Lead.MergedFrom: NULL for nil, '{}' for an empty list, so
-- that either comes back as written.
--
-- lead_keys holds one row per key of each lead, computed by Go
-- (leads.MatchKeys) when the lead is written, never by SQL, and written in
-- the same statement or transaction as the lead.
-- LeadRepository.Lookup reads one range of its primary key, (key, lead_id):
-- the leads having a key, in ID order, without scanning the leads. Keys
-- compare byte by byte (COLLATE "C"), as Go compares them.
--
-- Deleting a lead deletes its keys: the trigger leads_delete_keys does what
-- a foreign key with ON DELETE CASCADE would do (through lead_keys_lead),
-- also for rows that a host application deletes itself, and
-- leads_truncate_keys empties lead_keys when leads is truncated. There is no
-- foreign key because its check, one look-up of leads per key written,
-- made loading 1M leads with their keys (CreateMany's COPY) about 7 s
-- slower (10 s against 3 s for the keys alone).
--
-- match_keys_version holds the leads.MatchKeysVersion the keys were computed
-- with. Open recomputes every lead's keys when it differs from the
-- program's; 0, what this migration writes, makes the first Open compute
-- the keys of the leads already stored.

ALTER TABLE leads
	ADD COLUMN merged_from uuid[];

CREATE TABLE lead_keys (
	key     text COLLATE "C" NOT NULL,
	lead_id uuid NOT NULL,
	PRIMARY KEY (key, lead_id)
);

CREATE INDEX lead_keys_lead ON lead_keys (lead_id);

-- SET search_path FROM CURRENT: the function finds this schema's lead_keys
-- whatever the search path of the session that deletes.
CREATE FUNCTION leads_delete_keys() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
	DELETE FROM lead_keys WHERE lead_id = OLD.id;
	RETURN NULL;
END
$$;

CREATE TRIGGER leads_delete_keys AFTER DELETE ON leads
	FOR EACH ROW EXECUTE FUNCTION leads_delete_keys();

-- TRUNCATE fires no row trigger: emptying leads empties lead_keys.
CREATE FUNCTION leads_truncate_keys() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
	TRUNCATE lead_keys;
	RETURN NULL;
END
$$;

CREATE TRIGGER leads_truncate_keys AFTER TRUNCATE ON leads
	FOR EACH STATEMENT EXECUTE FUNCTION leads_truncate_keys();

CREATE TABLE match_keys_version (
	one     boolean PRIMARY KEY DEFAULT true CHECK (one),
	version integer NOT NULL
);

INSERT INTO match_keys_version (version) VALUES (0);
